"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { idField, passwordInput } from "@/lib/fields";
import { fieldErrors, formError } from "@/lib/form-state";
import * as m from "@/lib/messages/account";
import { ANSWER_MAX, ANSWER_MIN } from "@/lib/security-questions";
import { cancelMobileBinding } from "@/server/account-security/cancel-mobile-binding";
import { confirmMobileBinding } from "@/server/account-security/confirm-mobile-binding";
import { endMySessions } from "@/server/account-security/end-my-sessions";
import { removeSecureMobile } from "@/server/account-security/remove-secure-mobile";
import { resendMobileBindingCode } from "@/server/account-security/resend-mobile-binding-code";
import { saveSecurityQuestions } from "@/server/account-security/save-security-questions";
import { startMobileBinding } from "@/server/account-security/start-mobile-binding";
import type { MailUser } from "@/server/auth/load-session-account";
import { mailUser } from "@/web/actions/action-guards";
import { createAction, createCommand } from "@/web/actions/create-action";

/** Account Security: every action is for the signed-in mail account itself (the guard re-checks the session). */
const signedIn = mailUser();

const startSchema = z.object({
  country: z.string({ error: "Choose a country." }).regex(/^[A-Z]{2}$/, "Choose a country."),
  phone: z
    .string({ error: "Enter your mobile number." })
    .trim()
    .min(1, "Enter your mobile number.")
    .max(64, "Enter a valid mobile number."),
  currentPassword: passwordInput("your current password"),
});

export const startMobileBindingAction = createAction({
  name: "mobile.bind",
  guard: signedIn,
  schema: startSchema,
  run: async (data, { user, meta }) => {
    const r = await startMobileBinding({ accountId: user.id, ...data, meta });
    if (r.ok) redirect("/account");
    const values = { country: data.country, phone: data.phone };
    switch (r.error) {
      case "invalid_phone":
        return fieldErrors({ phone: [r.message] }, values);
      case "same_number":
        return fieldErrors({ phone: [m.SAME_NUMBER] }, values);
      case "wrong_password":
        return fieldErrors({ currentPassword: [m.WRONG_PASSWORD] }, values);
      case "send_failed":
        return fieldErrors({ phone: [m.SEND_FAILED_NEW] }, values);
      default:
        return formError(m.issueRefusal(r), {}, values);
    }
  },
});

export const resendMobileCodeAction = createAction({
  name: "mobile.resend_code",
  guard: signedIn,
  schema: z.object({}),
  run: async (_data, { user, meta }) => {
    const r = await resendMobileBindingCode(user.id, meta);
    if (r.ok) redirect("/account?done=code-resent");
    if (r.error === "not_found") redirect("/login");
    return formError(m.issueRefusal(r));
  },
});

const codeSchema = z.object({
  code: z
    .string({ error: "Enter the code from the SMS." })
    .max(32, "Enter the 6-digit code from the SMS.")
    .transform((v) => v.replace(/\s+/g, ""))
    .pipe(
      z
        .string()
        .min(1, "Enter the code from the SMS.")
        .regex(/^\d{6}$/, "Enter the 6-digit code from the SMS."),
    ),
});

export const confirmMobileBindingAction = createAction({
  name: "mobile.confirm",
  guard: signedIn,
  schema: codeSchema,
  run: async (data, { user, meta }) => {
    const r = await confirmMobileBinding({ accountId: user.id, code: data.code, meta });
    if (r.ok) redirect(`/account?done=${r.changed ? "mobile-changed" : "mobile-bound"}`);
    switch (r.error) {
      case "wrong_code":
        return fieldErrors({ code: [m.wrongCode(r.attemptsLeft)] });
      case "voided":
        return fieldErrors({ code: [m.CODE_VOIDED] });
      case "expired":
        return fieldErrors({ code: [m.CODE_EXPIRED] });
      case "no_pending":
        return formError(m.NO_CODE);
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

const removeSchema = z.object({ currentPassword: passwordInput("your current password") });

export const removeSecureMobileAction = createAction({
  name: "mobile.remove",
  guard: signedIn,
  schema: removeSchema,
  run: async (data, { user, meta }) => {
    const r = await removeSecureMobile({ accountId: user.id, currentPassword: data.currentPassword, meta });
    if (r.ok) redirect("/account?done=mobile-removed");
    return r.error === "wrong_password" ? fieldErrors({ currentPassword: [m.WRONG_PASSWORD] }) : formError(m.NO_MOBILE);
  },
});

const question = z.string({ error: "Choose a question." }).min(1, "Choose a question.").max(200, "Choose a question from the list.");
const answer = z.string({ error: "Enter an answer." }).max(1024, `Answer with ${ANSWER_MIN} to ${ANSWER_MAX} characters.`);
const questionsSchema = z.object({
  question1: question,
  answer1: answer,
  question2: question,
  answer2: answer,
  question3: question,
  answer3: answer,
  currentPassword: passwordInput("your current password"),
});

export const saveSecurityQuestionsAction = createAction({
  name: "questions.set",
  guard: signedIn,
  schema: questionsSchema,
  run: async (data, { user, meta }) => {
    const questions = [data.question1, data.question2, data.question3];
    const answers = [data.answer1, data.answer2, data.answer3];
    const items = questions.map((q, i) => ({ question: q, answer: answers[i] }));
    const r = await saveSecurityQuestions({ accountId: user.id, items, currentPassword: data.currentPassword, meta });
    if (r.ok) redirect("/account?done=questions-saved");
    const values = { question1: data.question1, question2: data.question2, question3: data.question3 };
    if (r.error === "wrong_password") return fieldErrors({ currentPassword: [m.WRONG_PASSWORD] }, values);
    return fieldErrors(m.questionFieldErrors(r.errors, questions), values);
  },
});

const caller = (user: MailUser) => ({
  accountId: user.id,
  address: user.address,
  domainId: user.domainId,
  currentSessionId: user.sessionId,
});

export const endSessionAction = createAction({
  name: "sessions.end_one",
  guard: signedIn,
  schema: z.object({ sessionId: idField }),
  run: async (data, { user, meta }) => {
    const r = await endMySessions(caller(user), { sessionId: data.sessionId }, meta);
    if (r.ok) redirect("/account?done=session-ended");
    return formError(r.error === "current" ? m.SESSION_IS_CURRENT : m.SESSION_GONE);
  },
});

export const endOtherSessionsAction = createAction({
  name: "sessions.end_others",
  guard: signedIn,
  schema: z.object({}),
  run: async (_data, { user, meta }) => {
    await endMySessions(caller(user), "all_others", meta);
    redirect("/account?done=sessions-ended");
  },
});
