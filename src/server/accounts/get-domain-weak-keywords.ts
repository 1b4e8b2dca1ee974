import "server-only";
import { getDb } from "@/server/db";

/** The domain's weak-password keywords, for the live checklist (the server enforces them again). */
export async function getDomainWeakKeywords(input: { domainId: string }): Promise<string[]> {
  const { domainId } = input;
  const d = await getDb().domain.findUnique({ where: { id: domainId }, select: { weakPasswordKeywords: true } });
  return d?.weakPasswordKeywords ?? [];
}
