import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { getDb, type Tx } from "@/server/db";

/**
 * Every column that holds a value made with the data key: sealed secrets
 * (secret-box.ts, with the purpose they were sealed for: totp.ts seals both
 * TOTP columns as "totp-secret") and digests (data-digest.ts). The start's
 * check (check-sealed-data.ts) and `npm run data:reseal` (reseal-secrets.ts)
 * read them here; a new sealed column is added here too.
 */
export interface StoredColumn {
  table: "MailAccount" | "CloudAccount" | "TwoStepRecoveryCode";
  column: "totpSecret" | "totpPendingSecret" | "codeHash";
  /** What the rows are, in the messages of the start and of data:reseal. */
  label: string;
}

export interface SealedColumn extends StoredColumn {
  purpose: string;
}

export const SEALED_COLUMNS: SealedColumn[] = [
  { table: "MailAccount", column: "totpSecret", purpose: "totp-secret", label: "authenticator app keys of mail accounts" },
  { table: "MailAccount", column: "totpPendingSecret", purpose: "totp-secret", label: "authenticator app keys being set up (mail)" },
  { table: "CloudAccount", column: "totpSecret", purpose: "totp-secret", label: "authenticator app keys of cloud operators" },
  { table: "CloudAccount", column: "totpPendingSecret", purpose: "totp-secret", label: "authenticator app keys being set up (console)" },
];

export const DIGEST_COLUMNS: StoredColumn[] = [{ table: "TwoStepRecoveryCode", column: "codeHash", label: "recovery codes" }];

// Identifiers come from the lists above only, never from input.
const ident = (c: StoredColumn) => ({ table: Prisma.raw(`"${c.table}"`), column: Prisma.raw(`"${c.column}"`) });

/** The key a value names: a data key's id ("v2.<id>.…"), or "v1" for a value made before the data key. */
const keyIdOf = (column: Prisma.Sql) =>
  Prisma.sql`CASE WHEN split_part(${column}, '.', 1) = 'v2' THEN split_part(${column}, '.', 2) ELSE 'v1' END`;

/** How many rows each key made: one GROUP BY per column, no row is read into the app. */
export async function countByKeyId(c: StoredColumn): Promise<Array<{ keyId: string; rows: number }>> {
  const { table, column } = ident(c);
  return getDb().$queryRaw<Array<{ keyId: string; rows: number }>>`
    SELECT ${keyIdOf(column)} AS "keyId", count(*)::int AS "rows" FROM ${table} WHERE ${column} IS NOT NULL GROUP BY 1 ORDER BY 1`;
}

/** Up to `limit` values made with `keyId`, to try opening them. */
export async function sampleByKeyId(c: StoredColumn, keyId: string, limit: number): Promise<string[]> {
  const { table, column } = ident(c);
  const rows = await getDb().$queryRaw<Array<{ value: string }>>`
    SELECT ${column} AS "value" FROM ${table} WHERE ${column} IS NOT NULL AND ${keyIdOf(column)} = ${keyId} LIMIT ${limit}`;
  return rows.map((r) => r.value);
}

/** The next rows (by id, after `after`) whose value was not made with the key of `prefix`. */
export async function rowsNotUnder(
  c: StoredColumn,
  prefix: string,
  after: string,
  limit: number,
): Promise<Array<{ id: string; value: string }>> {
  const { table, column } = ident(c);
  return getDb().$queryRaw<Array<{ id: string; value: string }>>`
    SELECT "id", ${column} AS "value" FROM ${table}
    WHERE ${column} IS NOT NULL AND left(${column}, ${prefix.length}) <> ${prefix} AND "id" > ${after}
    ORDER BY "id" LIMIT ${limit}`;
}

/** Replaces one value if it is still the one read (a parallel change wins); true when it was replaced. */
export async function replaceValue(tx: Tx, c: StoredColumn, row: { id: string; from: string; to: string }): Promise<boolean> {
  const { table, column } = ident(c);
  return (await tx.$executeRaw`UPDATE ${table} SET ${column} = ${row.to} WHERE "id" = ${row.id} AND ${column} = ${row.from}`) === 1;
}
