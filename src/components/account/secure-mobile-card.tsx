import { getFormatter, getTranslations } from "next-intl/server";
import type { FormAction } from "@/lib/form-state";
import { Alert, Card } from "@/components/ui";
import { SMS_CODE } from "@/lib/sms-code";
import { MINUTE } from "@/lib/time";
import type { AccountSecurity } from "@/server/account-security/get-account-security";
import { MobileBindForm } from "./mobile-bind-form";
import { MobileRemoveForm } from "./mobile-remove-form";
import { MobileVerifyForm } from "./mobile-verify-form";
import type { CountryOption } from "./phone-countries";
import { StatusBadge } from "./status-badge";

export interface SecureMobileActions {
  start: FormAction;
  verify: FormAction;
  resend: FormAction;
  cancel: () => Promise<void>;
  remove: FormAction;
}

interface Props {
  security: AccountSecurity;
  countries: CountryOption[];
  defaultCountry: string;
  actions: SecureMobileActions;
  /** Already in the reader's language. */
  notice?: string;
}

/**
 * Secure mobile: the bound number (masked), binding or changing it with an SMS
 * code, removing it. Its forms read the "Account" and "Fields" messages.
 */
export async function SecureMobileCard({ security, countries, defaultCountry, actions, notice }: Props) {
  const [t, format] = await Promise.all([getTranslations("Account.mobile"), getFormatter()]);
  const { mobile, pending } = security;
  const bindForm = (disclosure?: string) => (
    <MobileBindForm action={actions.start} countries={countries} defaultCountry={defaultCountry} disclosure={disclosure} />
  );
  const pendingAlert = pending
    ? {
        kind: pending.codeState === "active" ? ("info" as const) : ("warning" as const),
        text: t(`pending.${pending.codeState}`, { phone: pending.maskedPhone, digits: SMS_CODE.digits, minutes: SMS_CODE.ttlMs / MINUTE }),
      }
    : null;
  return (
    <Card title={t("title")} actions={<StatusBadge on={!!mobile}>{mobile ? t("bound") : t("notBound")}</StatusBadge>}>
      <div className="space-y-4">
        <p className="text-sm text-slate-700">{t("intro")}</p>
        {mobile ? (
          <p className="text-sm text-slate-800">
            {t.rich("boundNumber", {
              phone: mobile.masked,
              date: format.dateTime(mobile.verifiedAt, "day"),
              strong: (chunks) => (
                <span className="font-semibold tabular-nums" data-testid="secure-mobile">
                  {chunks}
                </span>
              ),
              muted: (chunks) => <span className="text-slate-600">{chunks}</span>,
            })}
          </p>
        ) : (
          <p className="text-sm font-medium text-slate-800">{t("none")}</p>
        )}
        {notice ? <Alert kind="success">{notice}</Alert> : null}
        {pending && pendingAlert ? (
          <section aria-label={t("verifyLabel")} className="space-y-4">
            <h3 className="text-sm font-semibold text-slate-900">{t("verifyHeading", { phone: pending.maskedPhone })}</h3>
            <Alert kind={pendingAlert.kind}>{pendingAlert.text}</Alert>
            <MobileVerifyForm
              verifyAction={actions.verify}
              resendAction={actions.resend}
              cancelAction={actions.cancel}
              codeActive={pending.codeState === "active"}
              canResend={pending.canResend}
              resendWaitMs={pending.resendWaitMs}
            />
          </section>
        ) : mobile ? (
          <div className="space-y-3">
            {bindForm(t("change"))}
            <MobileRemoveForm action={actions.remove} />
          </div>
        ) : (
          bindForm()
        )}
      </div>
    </Card>
  );
}
