import type { Metadata } from "next";
import Link from "next/link";
import { SecureMobileCard } from "@/components/account/secure-mobile-card";
import { SecurityQuestionsCard } from "@/components/account/security-questions-card";
import { SessionsCard } from "@/components/account/sessions-card";
import { phoneCountryOptions } from "@/components/account/phone-countries";
import { Alert, Card, linkClass } from "@/components/ui";
import { getEnv } from "@/env";
import { getAccountSecurity } from "@/server/account-security/get-account-security";
import { keyOf, parseQuery, queryFlag, type RawQuery } from "@/lib/query";
import { requireMailUser } from "@/web/guards";
import { listLiveSessions } from "@/server/auth/session-store";
import {
  cancelMobileBindingAction,
  confirmMobileBindingAction,
  endOtherSessionsAction,
  endSessionAction,
  removeSecureMobileAction,
  resendMobileCodeAction,
  saveSecurityQuestionsAction,
  startMobileBindingAction,
} from "./actions";

export const metadata: Metadata = { title: "Account Security" };

/** Success notices after a redirect from an action, shown in the card they belong to. */
const MOBILE_NOTICES: Record<string, string> = {
  "code-resent": "A new verification code was sent. The previous one no longer works.",
  "mobile-bound": "Your secure mobile is bound.",
  "mobile-changed": "Your secure mobile was changed.",
  "mobile-removed": "Your secure mobile was removed.",
};
const QUESTION_NOTICES: Record<string, string> = { "questions-saved": "Your security questions were saved." };
const SESSION_NOTICES: Record<string, string> = {
  "session-ended": "The session was logged off.",
  "sessions-ended": "All your other sessions were logged off.",
};

const QUERY = {
  denied: keyOf({ admin: true }),
  changed: queryFlag,
  done: keyOf({ ...MOBILE_NOTICES, ...QUESTION_NOTICES, ...SESSION_NOTICES }),
};

function noticeOf(table: Record<string, string>, key: string | undefined): string | undefined {
  return key && Object.hasOwn(table, key) ? table[key] : undefined;
}

export default async function AccountSecurityPage({ searchParams }: { searchParams: Promise<RawQuery> }) {
  const user = await requireMailUser();
  const { denied, changed, done } = parseQuery(QUERY, await searchParams);
  const [security, sessions] = await Promise.all([getAccountSecurity(user.id), listLiveSessions("mail", user.id, user.sessionVersion)]);
  const defaultCountry = getEnv().DEFAULT_PHONE_COUNTRY;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Account Security</h1>
      {denied === "admin" ? (
        <Alert kind="error">Only the domain administrator (postmaster) can open the domain-management console.</Alert>
      ) : null}
      {changed ? <Alert kind="success">Your password was changed.</Alert> : null}
      {!user.hasSecureMobile && !user.hasQuestions ? (
        <Alert kind="warning">Bind a secure mobile and security questions so you can reset a forgotten password yourself.</Alert>
      ) : null}
      <Card title="Password">
        <p className="text-sm text-slate-600">
          Change the password you use to log on to {user.address}.{" "}
          <Link href="/account/change-password" className={linkClass}>
            Change Password
          </Link>
        </p>
      </Card>
      {security ? (
        <>
          <SecureMobileCard
            security={security}
            countries={phoneCountryOptions(defaultCountry)}
            defaultCountry={defaultCountry}
            notice={noticeOf(MOBILE_NOTICES, done)}
            actions={{
              start: startMobileBindingAction,
              verify: confirmMobileBindingAction,
              resend: resendMobileCodeAction,
              cancel: cancelMobileBindingAction,
              remove: removeSecureMobileAction,
            }}
          />
          <SecurityQuestionsCard
            questions={security.questions}
            action={saveSecurityQuestionsAction}
            notice={noticeOf(QUESTION_NOTICES, done)}
          />
        </>
      ) : null}
      <SessionsCard
        sessions={sessions.map((s) => ({ ...s, current: s.id === user.sessionId }))}
        actions={{ endOne: endSessionAction, endOthers: endOtherSessionsAction }}
        notice={noticeOf(SESSION_NOTICES, done)}
      />
    </div>
  );
}
