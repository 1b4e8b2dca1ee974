import "server-only";
import { AuditAction } from "@/server/audit/actions";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { getRequestMeta } from "@/server/request-meta";
import { endSession } from "./session";
import { getMailUser, getOperator } from "./guards";

/** Ends the session of this browser and audits it (when there was a live one). */
export async function logOut(kind: "mail" | "console"): Promise<void> {
  const meta = await getRequestMeta();
  if (kind === "mail") {
    const user = await getMailUser();
    if (user)
      await recordAuditEvent({
        actor: { kind: "MAIL_ACCOUNT", id: user.id, label: user.address },
        action: AuditAction.logout,
        meta,
        domainId: user.domainId,
      });
  } else {
    const op = await getOperator();
    if (op) await recordAuditEvent({ actor: { kind: "CLOUD_ACCOUNT", id: op.id, label: op.email }, action: AuditAction.logout, meta });
  }
  await endSession(kind);
}
