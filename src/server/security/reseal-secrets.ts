import "server-only";
import { transaction } from "@/server/db";
import { currentDataKey } from "./data-keys";
import { countByKeyId, DIGEST_COLUMNS, replaceValue, rowsNotUnder, SEALED_COLUMNS, type SealedColumn } from "./sealed-columns";
import { openSecret, sealSecret } from "./secret-box";

/**
 * `npm run data:reseal`: every sealed secret not under the current data key
 * (the v1 format under SESSION_SECRET, or a previous data key) is opened and
 * sealed again with DATA_ENCRYPTION_KEY, a batch of rows per transaction.
 * Idempotent: rows already under the current key are not read, and a row
 * changed meanwhile (its owner turned the app off) is left as it now is.
 * Rows no configured key opens are counted and left alone.
 *
 * Recovery-code digests cannot be re-keyed (they are HMACs of codes nobody
 * knows any more): they are counted by key, and move to the current key when
 * their owners generate new codes.
 */
export interface ResealCount {
  label: string;
  resealed: number;
  current: number;
  unreadable: number;
  changed: number;
}

export interface ResealReport {
  keyId: string;
  sealed: ResealCount[];
  digests: Array<{ label: string; current: number; previous: number; sessionSecret: number }>;
}

export const RESEAL_BATCH = 200;

export async function resealSecrets(batch = RESEAL_BATCH): Promise<ResealReport> {
  const key = currentDataKey();
  const sealed: ResealCount[] = [];
  for (const c of SEALED_COLUMNS) sealed.push(await resealColumn(c, `v2.${key.id}.`, batch));
  const digests = [];
  for (const c of DIGEST_COLUMNS) {
    const counts = await countByKeyId(c);
    const sum = (keep: (id: string) => boolean) => counts.filter((r) => keep(r.keyId)).reduce((n, r) => n + r.rows, 0);
    digests.push({
      label: c.label,
      current: sum((id) => id === key.id),
      previous: sum((id) => id !== key.id && id !== "v1"),
      sessionSecret: sum((id) => id === "v1"),
    });
  }
  return { keyId: key.id, sealed, digests };
}

async function resealColumn(c: SealedColumn, prefix: string, batch: number): Promise<ResealCount> {
  const count: ResealCount = { label: c.label, resealed: 0, current: 0, unreadable: 0, changed: 0 };
  for (let after = ""; ;) {
    const rows = await rowsNotUnder(c, prefix, after, batch);
    if (rows.length === 0) break;
    after = rows[rows.length - 1].id;
    const moves = rows.flatMap((r) => {
      const plain = openSecret(r.value, c.purpose);
      if (plain === null) count.unreadable++;
      return plain === null ? [] : [{ id: r.id, from: r.value, to: sealSecret(plain, c.purpose) }];
    });
    await transaction(async (tx) => {
      for (const m of moves) {
        if (await replaceValue(tx, c, m)) count.resealed++;
        else count.changed++;
      }
    });
  }
  count.current = (await countByKeyId(c)).find((r) => r.keyId === currentDataKey().id)?.rows ?? 0;
  return count;
}
