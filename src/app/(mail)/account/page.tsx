import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { SecureMobileCard } from "@/components/account/secure-mobile-card";
import { SecurityQuestionsCard } from "@/components/account/security-questions-card";
import { SessionsCard } from "@/components/account/sessions-card";
import { phoneCountryOptions } from "@/components/account/phone-countries";
import { ClientMessages } from "@/components/client-messages";
import { Alert, Card, linkClass } from "@/components/ui";
import { getEnv } from "@/env";
import { getAccountSecurity } from "@/server/account-security/get-account-security";
import { oneOf, parseQuery, queryFlag, type RawQuery } from "@/lib/query";
import { securityQuestionKey } from "@/lib/security-questions";
import { translateLoose } from "@/web/i18n";
import { requireMailUser } from "@/web/guards";
import { listLiveSessions } from "@/server/auth/session-store";
import { currentTrustId, listTrustedBrowsers } from "@/server/two-step/trusted-browser";
import { readTrustedBrowser } from "@/web/two-step-cookie";
import {
  cancelMobileBindingAction,
  confirmMobileBindingAction,
  removeSecureMobileAction,
  resendMobileCodeAction,
  startMobileBindingAction,
} from "./secure-mobile-actions";
import { saveSecurityQuestionsAction } from "./security-questions-actions";
import { endOtherSessionsAction, endSessionAction, forgetTrustedBrowserAction } from "./sessions-actions";
import { cancelBackupEmailAction, confirmBackupEmailAction, removeBackupEmailAction, startBackupEmailAction } from "./backup-email-actions";
import {
  cancelTotpSetupAction,
  confirmTotpSetupAction,
  disableTotpAction,
  regenerateRecoveryCodesAction,
  startTotpSetupAction,
} from "./two-step-actions";
import { TwoStepCard } from "@/components/account/two-step-card";
import { getTwoStepSettings } from "@/server/two-step/manage-two-step";
import { BackupEmailCard } from "@/components/account/backup-email-card";
import { LogOffButton } from "@/components/log-off-button";
import { logOutMail } from "@/app/log-off-actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Account"))("title") };
}

/** Success notices after a redirect from an action ("Account.notices.<code>"), shown in the card they belong to. */
const MOBILE_NOTICES = ["code-resent", "mobile-bound", "mobile-changed", "mobile-removed"] as const;
const QUESTION_NOTICES = ["questions-saved"] as const;
const BACKUP_EMAIL_NOTICES = ["backup-email-bound", "backup-email-removed"] as const;
const SESSION_NOTICES = ["session-ended", "sessions-ended", "browser-forgotten"] as const;
const TWO_STEP_NOTICES = ["totp-disabled"] as const;

const QUERY = {
  denied: oneOf(["admin"]),
  changed: queryFlag,
  done: oneOf([...MOBILE_NOTICES, ...QUESTION_NOTICES, ...BACKUP_EMAIL_NOTICES, ...SESSION_NOTICES, ...TWO_STEP_NOTICES]),
};

export default async function AccountSecurityPage({ searchParams }: { searchParams: Promise<RawQuery> }) {
  const user = await requireMailUser({ allowTwoStepSetup: true, allowLogOnAgain: true });
  const { denied, changed, done } = parseQuery(QUERY, await searchParams);
  const trustSubject = { kind: "mail" as const, id: user.id, sessionVersion: user.sessionVersion };
  const [security, twoStep, sessions, trusted, thisTrust, t, locale] = await Promise.all([
    getAccountSecurity({ accountId: user.id }),
    getTwoStepSettings({ owner: { kind: "mail", id: user.id } }),
    listLiveSessions("mail", user.id, user.sessionVersion),
    listTrustedBrowsers(trustSubject),
    readTrustedBrowser().then((sealed) => currentTrustId(sealed, trustSubject)),
    getTranslations(),
    getLocale(),
  ]);
  const defaultCountry = getEnv().DEFAULT_PHONE_COUNTRY;
  const noticeOf = (codes: readonly string[]) => (done && codes.includes(done) ? t(`Account.notices.${done}`) : undefined);
  const again = user.logOnAgain;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("Account.title")}</h1>
      {denied === "admin" ? <Alert kind="error">{t("Account.deniedAdmin")}</Alert> : null}
      {changed ? <Alert kind="success">{t("Account.passwordChanged")}</Alert> : null}
      {again ? (
        // A setup-only session that has set up its method may only log off. The page keeps its shape
        // (only the other cards go): the recovery codes the setup returned stay on screen, also
        // without JavaScript, where React matches the form's answer to its place on the page.
        <Alert kind="warning">
          <p>{t("Account.logOnAgain")}</p>
          <div className="mt-3">
            <LogOffButton action={logOutMail} className="border-amber-400 bg-white text-slate-800 hover:bg-amber-50" />
          </div>
        </Alert>
      ) : !user.hasSecureMobile && !user.hasQuestions ? (
        <Alert kind="warning">{t("Account.bindBanner")}</Alert>
      ) : null}
      {again ? null : (
        <Card title={t("Account.password.title")}>
          <p className="text-sm text-slate-700">
            {t("Account.password.intro", { address: user.address })}{" "}
            <Link href="/account/change-password" className={`${linkClass} underline`}>
              {t("Account.password.link")}
            </Link>
          </p>
        </Card>
      )}
      <ClientMessages namespaces={["Account", "Fields", "Sms", "TwoStep"]}>
        {security ? (
          <>
            {again ? null : (
              <SecureMobileCard
                security={security}
                countries={phoneCountryOptions(defaultCountry, locale)}
                defaultCountry={defaultCountry}
                notice={noticeOf(MOBILE_NOTICES)}
                actions={{
                  start: startMobileBindingAction,
                  verify: confirmMobileBindingAction,
                  resend: resendMobileCodeAction,
                  cancel: cancelMobileBindingAction,
                  remove: removeSecureMobileAction,
                }}
              />
            )}
            {again ? null : (
              <BackupEmailCard
                security={security}
                notice={noticeOf(BACKUP_EMAIL_NOTICES)}
                actions={{
                  start: startBackupEmailAction,
                  verify: confirmBackupEmailAction,
                  cancel: cancelBackupEmailAction,
                  remove: removeBackupEmailAction,
                }}
              />
            )}
            {twoStep ? (
              <TwoStepCard
                settings={twoStep}
                notice={noticeOf(TWO_STEP_NOTICES)}
                passwordLabel={t("Fields.currentPassword")}
                readOnly={again}
                actions={{
                  start: startTotpSetupAction,
                  confirm: confirmTotpSetupAction,
                  cancel: cancelTotpSetupAction,
                  regenerate: regenerateRecoveryCodesAction,
                  disable: disableTotpAction,
                }}
              />
            ) : null}
            {again ? null : (
              <SecurityQuestionsCard
                questions={security.questions.map((q) => {
                  const key = securityQuestionKey(q);
                  return { value: q, label: key ? translateLoose(t, key) : q };
                })}
                action={saveSecurityQuestionsAction}
                notice={noticeOf(QUESTION_NOTICES)}
                notForReset={Boolean(twoStep && (twoStep.required || twoStep.totpEnabledAt))}
              />
            )}
          </>
        ) : null}
        {again ? null : (
          <SessionsCard
            sessions={sessions.map((s) => ({ ...s, current: s.id === user.sessionId }))}
            trusted={trusted.map((b) => ({ ...b, current: b.id === thisTrust }))}
            actions={{ endOne: endSessionAction, endOthers: endOtherSessionsAction, forget: forgetTrustedBrowserAction }}
            notice={noticeOf(SESSION_NOTICES)}
          />
        )}
      </ClientMessages>
    </div>
  );
}
