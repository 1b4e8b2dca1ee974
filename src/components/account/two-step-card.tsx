import { getFormatter, getTranslations } from "next-intl/server";
import { Alert, Card } from "@/components/ui";
import type { FormAction } from "@/lib/form-state";
import type { TwoStepSettings } from "@/server/two-step/manage-two-step";
import { StatusBadge } from "./status-badge";
import { AuthenticatorAppForms } from "./two-step-forms";

/** Two-step logon: what the account uses after its password, and its authenticator app. */
export async function TwoStepCard(props: {
  settings: TwoStepSettings;
  notice?: string;
  /** "Current password" (mail accounts) or "Console password" (operators). */
  passwordLabel: string;
  /** A session that may only log off: the card shows, its forms do not. */
  readOnly?: boolean;
  actions: { start: FormAction; confirm: FormAction; cancel: () => Promise<void>; regenerate: FormAction; disable: FormAction };
}) {
  const t = await getTranslations("TwoStep.setup");
  const format = await getFormatter();
  const s = props.settings;
  // On: a second step is asked at logon (a required account with a mobile, or any account with the app,
  // whose SMS codes to the secure mobile then work too).
  const on = Boolean(s.totpEnabledAt) || (s.required && Boolean(s.maskedMobile));
  const asked = s.required || Boolean(s.totpEnabledAt);
  return (
    <section id="two-step" className="scroll-mt-20">
      <Card title={t("card")} actions={<StatusBadge on={on}>{on ? t("badgeOn") : t("badgeOff")}</StatusBadge>}>
        <div className="space-y-4">
          {s.needsSetup ? <Alert kind="warning">{t("mustSetUp")}</Alert> : null}
          <p className="text-sm text-slate-700">{s.required ? t("required") : t("optional")}</p>
          <ul className="space-y-1 text-sm text-slate-800">
            {asked ? <li>{s.maskedMobile ? t("smsOn", { phone: s.maskedMobile }) : t("smsOff")}</li> : null}
            <li>
              {s.totpEnabledAt ? t("appOn", { date: format.dateTime(s.totpEnabledAt, "stamp") }) : t("appOff")}
              {s.totpEnabledAt ? <span className="text-slate-600"> · {t("codesLeft", { count: s.codesLeft })}</span> : null}
            </li>
          </ul>
          {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
          <AuthenticatorAppForms
            enabled={Boolean(s.totpEnabledAt)}
            pending={s.pending}
            startOpen={s.needsSetup}
            readOnly={props.readOnly}
            passwordLabel={props.passwordLabel}
            actions={{
              start: props.actions.start,
              confirm: props.actions.confirm,
              regenerate: props.actions.regenerate,
              disable: props.actions.disable,
              cancel: props.actions.cancel,
            }}
          />
        </div>
      </Card>
    </section>
  );
}
