"use server";
import { z } from "zod";
import { passwordInput, phoneNumberFields } from "@/lib/fields";
import { fieldErrors, goTo } from "@/lib/form-state";
import { cancelMobileBinding } from "@/server/account-security/cancel-mobile-binding";
import { confirmMobileBinding } from "@/server/account-security/confirm-mobile-binding";
import { removeSecureMobile } from "@/server/account-security/remove-secure-mobile";
import { resendMobileBindingCode } from "@/server/account-security/resend-mobile-binding-code";
import { startMobileBinding } from "@/server/account-security/start-mobile-binding";
import { createAction, createCommand } from "@/web/actions/create-action";
import { translateLoose } from "@/web/i18n";
import { refusalState } from "@/web/refusals";
import { ACCOUNT_REFUSALS } from "./refusals";
import { codeSchema, currentPasswordSchema, signedIn } from "./signed-in";

/** Account Security > Secure mobile (components/account/secure-mobile-card.tsx). */

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
    if (r.ok) return goTo("/account");
    const values = { country: data.country, phone: data.phone };
    if (r.error === "invalid_phone") return fieldErrors({ phone: [translateLoose(t, r.message.key, r.message.values)] }, values);
    return refusalState(t, ACCOUNT_REFUSALS.mobileStart, r, values);
  },
});

export const resendMobileCodeAction = createAction({
  name: "mobile.resend_code",
  guard: signedIn,
  schema: z.object({}),
  run: async (_data, { user, meta, t }) => {
    const r = await resendMobileBindingCode({ accountId: user.id }, meta);
    if (r.ok) return goTo("/account?done=code-resent");
    if (r.error === "not_found") return goTo("/login");
    return refusalState(t, ACCOUNT_REFUSALS.mobileResend, r);
  },
});

export const confirmMobileBindingAction = createAction({
  name: "mobile.confirm",
  guard: signedIn,
  schema: codeSchema,
  run: async (data, { user, meta, t }) => {
    const r = await confirmMobileBinding({ accountId: user.id, code: data.code, meta });
    if (r.ok) return goTo(`/account?done=${r.changed ? "mobile-changed" : "mobile-bound"}`);
    if (r.error === "not_found") return goTo("/login");
    return refusalState(t, ACCOUNT_REFUSALS.mobileConfirm, { ...r, error: r.error });
  },
});

export const cancelMobileBindingAction = createCommand({
  name: "mobile.cancel",
  guard: signedIn,
  run: async ({ user }) => {
    await cancelMobileBinding({ accountId: user.id });
    return goTo("/account");
  },
});

export const removeSecureMobileAction = createAction({
  name: "mobile.remove",
  guard: signedIn,
  schema: currentPasswordSchema,
  run: async (data, { user, meta, t }) => {
    const r = await removeSecureMobile({ accountId: user.id, currentPassword: data.currentPassword, meta });
    if (r.ok) return goTo("/account?done=mobile-removed");
    return refusalState(t, ACCOUNT_REFUSALS.mobileRemove, r);
  },
});
