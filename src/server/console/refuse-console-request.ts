import "server-only";
import { getMailUser } from "@/server/auth/guards";
import { getRequestMeta } from "@/server/request-meta";
import { recordConsoleRefusal } from "./record-console-refusal";

/**
 * For a console action whose authorizeOperator() failed: audits the refusal,
 * naming the mail account when the request came with a mail session instead.
 */
export async function refuseConsoleRequest(attempted: string, domainId?: string | null): Promise<void> {
  const mailUser = await getMailUser();
  await recordConsoleRefusal(
    {
      actor: mailUser ? { kind: "MAIL_ACCOUNT", id: mailUser.id, label: mailUser.address } : { kind: "ANONYMOUS" },
      reason: mailUser ? "mail_session" : "no_session",
      attempted,
      domainId,
    },
    await getRequestMeta(),
  );
}
