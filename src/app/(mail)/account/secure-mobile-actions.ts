"use server";
import { z } from "zod";
import { currentPasswordField, phoneNumberFields } from "@/lib/fields";
import { fieldErrors, goTo } from "@/lib/form-state";
import { cancelMobileBinding } from "@/server/account-security/cancel-mobile-binding";
import { confirmMobileBinding } from "@/server/account-security/confirm-mobile-binding";
import { removeSecureMobile } from "@/server/account-security/remove-secure-mobile";
import { resendMobileBindingCode } from "@/server/account-security/resend-mobile-binding-code";
import { startMobileBinding } from "@/server/account-security/start-mobile-binding";
import { createAction } from "@/web/actions/create-action";
import { translateLoose } from "@/web/i18n";
import { refusalState } from "@/web/refusals";
import { ACCOUNT_REFUSALS } from "./refusals";
import { cancelBindingCommand, codeSchema, currentPasswordSchema, methodChangeAction, signedIn } from "./signed-in";

/** Account Security > Secure mobile (components/account/secure-mobile-card.tsx). */

export const startMobileBindingAction = createAction({
  name: "mobile.bind",
  guard: signedIn,
  schema: z.object({ ...phoneNumberFields, ...currentPasswordField }),
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

export const confirmMobileBindingAction = methodChangeAction({
  name: "mobile.confirm",
  schema: codeSchema,
  change: confirmMobileBinding,
  done: (r) => `/account?done=${r.changed ? "mobile-changed" : "mobile-bound"}`,
  refusals: ACCOUNT_REFUSALS.mobileConfirm,
});

export const cancelMobileBindingAction = cancelBindingCommand("mobile.cancel", cancelMobileBinding);

export const removeSecureMobileAction = methodChangeAction({
  name: "mobile.remove",
  schema: currentPasswordSchema,
  change: removeSecureMobile,
  done: () => "/account?done=mobile-removed",
  refusals: ACCOUNT_REFUSALS.mobileRemove,
});
