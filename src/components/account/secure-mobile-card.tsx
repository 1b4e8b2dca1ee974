import type { FormAction } from "@/lib/form-state";
import { Alert, Card } from "@/components/ui";
import { SMS_CODE } from "@/lib/sms-code";
import { MINUTE } from "@/lib/time";
import type { AccountSecurity, PendingBinding } from "@/server/account-security/get-account-security";
import { Disclosure } from "./disclosure";
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
  notice?: string;
}

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

function pendingText(p: PendingBinding): { kind: "info" | "warning"; text: string } {
  switch (p.codeState) {
    case "active":
      return {
        kind: "info",
        text: `Enter the 6-digit code we sent by SMS to ${p.maskedPhone}. It expires ${SMS_CODE.ttlMs / MINUTE} minutes after it was sent.`,
      };
    case "expired":
      return { kind: "warning", text: `The code sent to ${p.maskedPhone} has expired. Send a new code.` };
    case "voided":
      return { kind: "warning", text: `Too many wrong codes were entered for ${p.maskedPhone}. Send a new code.` };
    case "none":
      return { kind: "warning", text: `No code is waiting for ${p.maskedPhone}. Send a new code.` };
  }
}

/** Secure mobile: the bound number (masked), binding or changing it with an SMS code, removing it. */
export function SecureMobileCard({ security, countries, defaultCountry, actions, notice }: Props) {
  const { mobile, pending } = security;
  const bindForm = <MobileBindForm action={actions.start} countries={countries} defaultCountry={defaultCountry} />;
  return (
    <Card title="Secure mobile" actions={<StatusBadge on={!!mobile}>{mobile ? "Bound" : "Not bound"}</StatusBadge>}>
      <div className="space-y-4">
        <p className="text-sm text-slate-600">If you forget your password, we can send an SMS verification code to this number.</p>
        {mobile ? (
          <p className="text-sm text-slate-800">
            Bound number:{" "}
            <span className="font-semibold tabular-nums" data-testid="secure-mobile">
              {mobile.masked}
            </span>{" "}
            <span className="text-slate-500">(verified {dateFormat.format(mobile.verifiedAt)})</span>
          </p>
        ) : (
          <p className="text-sm font-medium text-slate-800">No secure mobile is bound.</p>
        )}
        {notice ? <Alert kind="success">{notice}</Alert> : null}
        {pending ? (
          <section aria-label="Verify the new number" className="space-y-4">
            <h3 className="text-sm font-semibold text-slate-900">Verify {pending.maskedPhone}</h3>
            <Alert kind={pendingText(pending).kind}>{pendingText(pending).text}</Alert>
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
            <Disclosure summary="Change number">{bindForm}</Disclosure>
            <Disclosure summary="Remove the secure mobile">
              <p className="mb-4 text-sm text-slate-600">You will no longer be able to reset a forgotten password by SMS.</p>
              <MobileRemoveForm action={actions.remove} />
            </Disclosure>
          </div>
        ) : (
          bindForm
        )}
      </div>
    </Card>
  );
}
