import { getTranslations } from "next-intl/server";
import { Alert, Card } from "@/components/ui";
import type { FormAction } from "@/lib/form-state";
import { SMS_CODE } from "@/lib/sms-code";
import { MINUTE } from "@/lib/time";
import type { AccountSecurity } from "@/server/account-security/get-account-security";
import { BackupEmailBindForm, BackupEmailRemoveForm, BackupEmailVerifyForm } from "./backup-email-forms";
import { StatusBadge } from "./status-badge";

/** Backup email address: the bound address (masked), binding or changing it with a mailed code, removing it. */
export async function BackupEmailCard(props: {
  security: AccountSecurity;
  actions: { start: FormAction; verify: FormAction; cancel: () => Promise<void>; remove: FormAction };
  notice?: string;
}) {
  const t = await getTranslations("Account.backupEmail");
  const { backupEmail, backupPending } = props.security;
  return (
    <Card title={t("title")} actions={<StatusBadge on={!!backupEmail}>{backupEmail ? t("bound") : t("notBound")}</StatusBadge>}>
      <div className="space-y-4">
        <p className="text-sm text-slate-700">{t("intro")}</p>
        {backupEmail ? (
          <p className="text-sm text-slate-800">
            {t.rich("boundAddress", {
              email: backupEmail,
              strong: (chunks) => (
                <span className="font-semibold" data-testid="backup-email">
                  {chunks}
                </span>
              ),
            })}
          </p>
        ) : (
          <p className="text-sm font-medium text-slate-800">{t("none")}</p>
        )}
        {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
        {backupPending ? (
          <section className="space-y-4">
            <Alert kind={backupPending.codeState === "active" ? "info" : "warning"}>
              {backupPending.codeState === "active"
                ? t("sent", { email: backupPending.masked, digits: SMS_CODE.digits, minutes: SMS_CODE.ttlMs / MINUTE })
                : t(backupPending.codeState === "expired" ? "errors.expired" : "errors.voided")}
            </Alert>
            <BackupEmailVerifyForm verifyAction={props.actions.verify} cancelAction={props.actions.cancel} />
          </section>
        ) : backupEmail ? (
          <div className="space-y-3">
            <BackupEmailBindForm action={props.actions.start} disclosure={t("change")} />
            <BackupEmailRemoveForm action={props.actions.remove} />
          </div>
        ) : (
          <BackupEmailBindForm action={props.actions.start} />
        )}
      </div>
    </Card>
  );
}
