import "server-only";
import type { Tx } from "@/server/db";

/**
 * Serializes changes to one domain's settings and department tree (read,
 * check, write) across app instances. NO KEY UPDATE does not block the
 * key-share locks that inserts referencing the domain take.
 */
export async function lockDomain(tx: Tx, domainId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Domain" WHERE id = ${domainId} FOR NO KEY UPDATE`;
}
