"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { idField, passwordInput, phoneNumberFields, smsCodeInput } from "@/lib/fields";
import { fieldErrors, formError } from "@/lib/form-state";
import { questionFieldErrors } from "@/lib/security-questions";
import {
  cancelBackupEmailBinding,
  confirmBackupEmail,
  removeBackupEmail,
  startBackupEmailBinding,
} from "@/server/account-security/backup-email";
import { cancelMobileBinding } from "@/server/account-security/cancel-mobile-binding";
import { confirmMobileBinding } from "@/server/account-security/confirm-mobile-binding";
import { endMySessions } from "@/server/account-security/end-my-sessions";
import type { IssueBindingCodeResult } from "@/server/account-security/issue-binding-code";
import { removeSecureMobile } from "@/server/account-security/remove-secure-mobile";
import { resendMobileBindingCode } from "@/server/account-security/resend-mobile-binding-code";
import { saveSecurityQuestions } from "@/server/account-security/save-security-questions";
import { startMobileBinding } from "@/server/account-security/start-mobile-binding";
import type { MailUser } from "@/server/auth/load-session-account";
import { mailUser } from "@/web/actions/action-guards";
import { twoStepSettingsActions } from "@/web/actions/two-step-settings";
import { currentTrustId, forgetTrustedBrowser } from "@/server/two-step/trusted-browser";
import { readTrustedBrowser } from "@/web/two-step-cookie";
import { createAction, createCommand } from "@/web/actions/create-action";
import { translateFieldErrors, translateLoose, type Translator } from "@/web/i18n";

/** Account Security: every action is for the signed-in mail account itself (the guard re-checks the session). */
const signedIn = mailUser({ allowTwoStepSetup: true });

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

/** The refusals shared by "Send code" and "Send a new code", in the reader's language. */
function issueRefusal(t: Translator, r: Extract<IssueBindingCodeResult, { ok: false }>): string {
  switch (r.error) {
    case "resend_wait":
      return t("Account.mobile.errors.resendWait", { seconds: seconds(r.waitMs) });
    case "rate_limited":
      return t("Account.mobile.errors.rateLimited", { minutes: minutes(r.retryAfterMs) });
    case "no_pending":
      return t("Account.mobile.errors.bindingGone");
    case "send_failed":
      return t("Account.mobile.errors.sendFailedAgain");
  }
}

const startSchema = z.object({
  ...phoneNumberFields,
  currentPassword: passwordInput("Fields.errors.currentPasswordRequired"),
});

export const startMobileBindingAction = createAction({
  name: "mobile.bind",
  guard: signedIn,
  schema: startSchema,
  run: async (data, { user, meta, t }) => {
    const r = await startMobileBinding({ accountId: user.id, ...data, meta });
    if (r.ok) redirect("/account");
    const values = { country: data.country, phone: data.phone };
    switch (r.error) {
      case "invalid_phone":
        return fieldErrors({ phone: [translateLoose(t, r.message.key, r.message.values)] }, values);
      case "same_number":
        return fieldErrors({ phone: [t("Account.mobile.errors.sameNumber")] }, values);
      case "wrong_password":
        return fieldErrors({ currentPassword: [t("Password.errors.currentWrong")] }, values);
      case "send_failed":
        return fieldErrors({ phone: [t("Account.mobile.errors.sendFailedNew")] }, values);
      default:
        return formError(issueRefusal(t, r), {}, values);
    }
  },
});

export const resendMobileCodeAction = createAction({
  name: "mobile.resend_code",
  guard: signedIn,
  schema: z.object({}),
  run: async (_data, { user, meta, t }) => {
    const r = await resendMobileBindingCode(user.id, meta);
    if (r.ok) redirect("/account?done=code-resent");
    if (r.error === "not_found") redirect("/login");
    return formError(issueRefusal(t, r));
  },
});

const codeSchema = z.object({ code: smsCodeInput });

export const confirmMobileBindingAction = createAction({
  name: "mobile.confirm",
  guard: signedIn,
  schema: codeSchema,
  run: async (data, { user, meta, t }) => {
    const r = await confirmMobileBinding({ accountId: user.id, code: data.code, meta });
    if (r.ok) redirect(`/account?done=${r.changed ? "mobile-changed" : "mobile-bound"}`);
    switch (r.error) {
      case "wrong_code":
        return fieldErrors({ code: [t("Account.mobile.errors.wrongCode", { count: r.attemptsLeft })] });
      case "voided":
        return fieldErrors({ code: [t("Account.mobile.errors.codeVoided")] });
      case "expired":
        return fieldErrors({ code: [t("Account.mobile.errors.codeExpired")] });
      case "no_pending":
        return formError(t("Account.mobile.errors.noCode"));
      case "not_found":
        redirect("/login");
    }
  },
});

export const cancelMobileBindingAction = createCommand({
  name: "mobile.cancel",
  guard: signedIn,
  run: async ({ user }) => {
    await cancelMobileBinding(user.id);
    redirect("/account");
  },
});

const removeSchema = z.object({ currentPassword: passwordInput("Fields.errors.currentPasswordRequired") });

export const removeSecureMobileAction = createAction({
  name: "mobile.remove",
  guard: signedIn,
  schema: removeSchema,
  run: async (data, { user, meta, t }) => {
    const r = await removeSecureMobile({ accountId: user.id, currentPassword: data.currentPassword, meta });
    if (r.ok) redirect("/account?done=mobile-removed");
    if (r.error === "wrong_password") return fieldErrors({ currentPassword: [t("Password.errors.currentWrong")] });
    return formError(t(r.error === "still_required" ? "Account.mobile.errors.stillRequired" : "Account.mobile.errors.noMobile"));
  },
});

const question = z
  .string({ error: "Account.questions.errors.questionRequired" })
  .min(1, "Account.questions.errors.questionRequired")
  .max(200, "Account.questions.errors.questionFromList");
// The length rule itself is the domain's (validateQuestionSet); this only caps what is read.
const answer = z.string({ error: "Account.questions.errors.answerRequired" }).max(1024, "Account.questions.errors.answerTooLong");
const questionsSchema = z.object({
  question1: question,
  answer1: answer,
  question2: question,
  answer2: answer,
  question3: question,
  answer3: answer,
  currentPassword: passwordInput("Fields.errors.currentPasswordRequired"),
});

export const saveSecurityQuestionsAction = createAction({
  name: "questions.set",
  guard: signedIn,
  schema: questionsSchema,
  run: async (data, { user, meta, t }) => {
    const questions = [data.question1, data.question2, data.question3];
    const answers = [data.answer1, data.answer2, data.answer3];
    const items = questions.map((q, i) => ({ question: q, answer: answers[i] }));
    const r = await saveSecurityQuestions({ accountId: user.id, items, currentPassword: data.currentPassword, meta });
    if (r.ok) redirect("/account?done=questions-saved");
    const values = { question1: data.question1, question2: data.question2, question3: data.question3 };
    if (r.error === "wrong_password") return fieldErrors({ currentPassword: [t("Password.errors.currentWrong")] }, values);
    return fieldErrors(translateFieldErrors(t, questionFieldErrors(r.errors, questions)), values);
  },
});

const caller = async (user: MailUser) => ({
  accountId: user.id,
  address: user.address,
  domainId: user.domainId,
  currentSessionId: user.sessionId,
  currentTrustId: await currentTrustId(await readTrustedBrowser(), { kind: "mail", id: user.id, sessionVersion: user.sessionVersion }),
});

export const endSessionAction = createAction({
  name: "sessions.end_one",
  guard: signedIn,
  schema: z.object({ sessionId: idField }),
  run: async (data, { user, meta, t }) => {
    const r = await endMySessions(await caller(user), { sessionId: data.sessionId }, meta);
    if (r.ok) redirect("/account?done=session-ended");
    return formError(r.error === "current" ? t("Account.sessions.errors.current") : t("Account.sessions.errors.gone"));
  },
});

export const endOtherSessionsAction = createAction({
  name: "sessions.end_others",
  guard: signedIn,
  schema: z.object({}),
  run: async (_data, { user, meta }) => {
    await endMySessions(await caller(user), "all_others", meta);
    redirect("/account?done=sessions-ended");
  },
});

/** Account Security > Sessions > Trusted browsers > Forget. */
export const forgetTrustedBrowserAction = createAction({
  name: "sessions.forget_browser",
  guard: signedIn,
  schema: z.object({ trustId: idField }),
  run: async (data, { user, meta, t }) => {
    const owner = { kind: "mail" as const, id: user.id, login: user.address, domainId: user.domainId };
    const r = await forgetTrustedBrowser(owner, data.trustId, meta);
    if (r.ok) redirect("/account?done=browser-forgotten");
    return formError(t("Account.sessions.errors.trustGone"));
  },
});

/** Account Security > Backup email address > Send code: the address and the current password. */
export const startBackupEmailAction = createAction({
  name: "backup_email.bind",
  guard: signedIn,
  schema: z.object({
    email: z
      .string({ error: "Account.backupEmail.errors.required" })
      .trim()
      .min(1, "Account.backupEmail.errors.required")
      .max(254, "Account.backupEmail.errors.tooLong"),
    currentPassword: passwordInput("Fields.errors.currentPasswordRequired"),
  }),
  run: async (data, { user, meta, t }) => {
    const r = await startBackupEmailBinding({ accountId: user.id, email: data.email, currentPassword: data.currentPassword, meta });
    if (r.ok) redirect("/account");
    const values = { email: data.email };
    switch (r.error) {
      case "invalid":
        return fieldErrors(translateFieldErrors(t, r.fieldErrors), values);
      case "resend_wait":
        return formError(t("Account.backupEmail.errors.resendWait", { seconds: seconds(r.waitMs) }), {}, values);
      case "rate_limited":
        return formError(t("Account.backupEmail.errors.rateLimited", { minutes: minutes(r.retryAfterMs) }), {}, values);
      case "send_failed":
        return fieldErrors({ email: [t("Account.backupEmail.errors.sendFailed")] }, values);
    }
  },
});

/** The code from the email → Verify: the address is bound. */
export const confirmBackupEmailAction = createAction({
  name: "backup_email.confirm",
  guard: signedIn,
  schema: codeSchema,
  run: async (data, { user, meta, t }) => {
    const r = await confirmBackupEmail({ accountId: user.id, code: data.code, meta });
    if (r.ok) redirect("/account?done=backup-email-bound");
    switch (r.error) {
      case "wrong_code":
        return fieldErrors({ code: [t("Account.backupEmail.errors.wrongCode", { count: r.attemptsLeft })] });
      case "expired":
      case "voided":
        return fieldErrors({ code: [t(`Account.backupEmail.errors.${r.error}`)] });
      case "no_pending":
        return formError(t("Account.backupEmail.errors.noPending"));
      case "not_found":
        redirect("/login");
    }
  },
});

export const cancelBackupEmailAction = createCommand({
  name: "backup_email.cancel",
  guard: signedIn,
  run: async ({ user }) => {
    await cancelBackupEmailBinding(user.id);
    redirect("/account");
  },
});

export const removeBackupEmailAction = createAction({
  name: "backup_email.remove",
  guard: signedIn,
  schema: removeSchema,
  run: async (data, { user, meta, t }) => {
    const r = await removeBackupEmail({ accountId: user.id, currentPassword: data.currentPassword, meta });
    if (r.ok) redirect("/account?done=backup-email-removed");
    return r.error === "wrong_password"
      ? fieldErrors({ currentPassword: [t("Password.errors.currentWrong")] })
      : formError(t("Account.backupEmail.errors.noPending"));
  },
});

/** Two-step logon: the account's own authenticator app. */
const twoStep = twoStepSettingsActions({
  prefix: "totp",
  guard: signedIn,
  owner: ({ user }) => ({ kind: "mail", id: user.id }),
  disabledPath: "/account?done=totp-disabled#two-step",
  wrongPassword: (t) => t("Password.errors.currentWrong"),
  logOnAgainAfterSetup: ({ user }) => user.twoStepSetupRequired,
});
export const startTotpSetupAction = twoStep.start;
export const cancelTotpSetupAction = twoStep.cancel;
export const confirmTotpSetupAction = twoStep.confirm;
export const regenerateRecoveryCodesAction = twoStep.regenerate;
export const disableTotpAction = twoStep.disable;
