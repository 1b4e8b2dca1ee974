import "server-only";
import { getDb } from "@/server/db";
import { bindingKey } from "./internal/binding-rules";

export type CancelMobileBindingResult = { ok: true } | { ok: false; error: "no_pending" };

/** Drops the pending binding (a mistyped number, say); the bound number, if any, stays. */
export async function cancelMobileBinding(input: { accountId: string }): Promise<CancelMobileBindingResult> {
  const { count } = await getDb().verification.deleteMany({ where: bindingKey(input.accountId) });
  return count ? { ok: true } : { ok: false, error: "no_pending" };
}
