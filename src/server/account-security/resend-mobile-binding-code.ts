import "server-only";
import { getDb } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { issueBindingCode, type IssueBindingCodeResult } from "./internal/issue-binding-code";

/**
 * "Send a new code" for the pending binding: the password was re-entered when
 * it started (at most BINDING_TTL_MS ago), so it is not asked again. The new
 * code voids the old one; 60 s between sends and the hourly limit apply.
 */
export async function resendMobileBindingCode(
  input: { accountId: string },
  meta: RequestMeta,
): Promise<IssueBindingCodeResult | { ok: false; error: "not_found" }> {
  const a = await getDb().mailAccount.findUnique({
    where: { id: input.accountId },
    select: { id: true, address: true, domainId: true, secureMobile: true, status: true, locale: true },
  });
  if (!a || a.status !== "ACTIVE") return { ok: false, error: "not_found" };
  const account = { id: a.id, address: a.address, domainId: a.domainId, secureMobile: a.secureMobile, locale: a.locale };
  return issueBindingCode(account, { kind: "resend" }, meta);
}
