import "server-only";
import { currentDataKey, dataKeyById } from "./data-keys";
import { countByKeyId, DIGEST_COLUMNS, sampleByKeyId, SEALED_COLUMNS, type StoredColumn } from "./sealed-columns";
import { openSecret } from "./secret-box";

/**
 * Can this configuration read the stored secrets? Run at every start
 * (scripts/lib/serve.ts) before serving: a start with the wrong
 * DATA_ENCRYPTION_KEY, or without the previous key some rows still need,
 * would silently break every authenticator app it cannot open. Cheap on
 * purpose: a count by key id per column (the key id is in the value), and a
 * few sealed values per key actually opened, never every row.
 *
 * Problems stop the start; warnings say what `npm run data:reseal` or a
 * regeneration of codes would move to the current key.
 */
export interface SealedDataCheck {
  problems: string[];
  warnings: string[];
}

const SAMPLE = 5;
const RESEAL = "run `npm run data:reseal`";

export async function checkSealedData(): Promise<SealedDataCheck> {
  const out: SealedDataCheck = { problems: [], warnings: [] };
  for (const c of SEALED_COLUMNS) {
    for (const { keyId, rows } of await countByKeyId(c)) {
      const unknown = keyId !== "v1" && !dataKeyById(keyId);
      const opens = !unknown && (await sampleByKeyId(c, keyId, SAMPLE)).every((v) => openSecret(v, c.purpose) !== null);
      judgeSealed(out, c, keyId, rows, unknown ? "unknown" : opens ? "opens" : "does_not_open");
    }
  }
  for (const c of DIGEST_COLUMNS) {
    for (const { keyId, rows } of await countByKeyId(c)) judgeDigests(out, c, keyId, rows);
  }
  return out;
}

function judgeSealed(out: SealedDataCheck, c: StoredColumn, keyId: string, rows: number, state: "unknown" | "opens" | "does_not_open") {
  const what = `${rows} ${c.label}`;
  if (keyId === "v1") {
    if (state === "opens") out.warnings.push(`${what} are still sealed with SESSION_SECRET, as before DATA_ENCRYPTION_KEY: ${RESEAL}.`);
    else
      out.problems.push(
        `SESSION_SECRET_PREVIOUS: ${what} were sealed with a SESSION_SECRET before DATA_ENCRYPTION_KEY existed, and no configured session secret opens them: add that secret to SESSION_SECRET_PREVIOUS, then ${RESEAL}.`,
      );
  } else if (state === "unknown")
    out.problems.push(
      `DATA_ENCRYPTION_KEY_PREVIOUS: ${what} were sealed with a data key that is not configured (key id ${keyId}): set that key in DATA_ENCRYPTION_KEY, or in DATA_ENCRYPTION_KEY_PREVIOUS and ${RESEAL}.`,
    );
  else if (state === "does_not_open")
    out.problems.push(`DATA_ENCRYPTION_KEY: ${what} name key id ${keyId}, but that key does not open them: check the key's value.`);
  else if (keyId !== currentDataKey().id)
    out.warnings.push(`${what} are sealed with a previous data key (key id ${keyId}): ${RESEAL}, then that key can be dropped.`);
}

function judgeDigests(out: SealedDataCheck, c: StoredColumn, keyId: string, rows: number) {
  const what = `${rows} ${c.label}`;
  if (keyId === "v1")
    out.warnings.push(
      `${what} were made before DATA_ENCRYPTION_KEY and are checked with SESSION_SECRET: keep the secret they were made with in SESSION_SECRET or SESSION_SECRET_PREVIOUS until their owners generate new codes.`,
    );
  else if (!dataKeyById(keyId))
    out.problems.push(
      `DATA_ENCRYPTION_KEY_PREVIOUS: ${what} were made with a data key that is not configured (key id ${keyId}): set that key in DATA_ENCRYPTION_KEY_PREVIOUS.`,
    );
  else if (keyId !== currentDataKey().id)
    out.warnings.push(
      `${what} were made with a previous data key (key id ${keyId}): keep it in DATA_ENCRYPTION_KEY_PREVIOUS until their owners generate new codes (a digest cannot be re-keyed).`,
    );
}
