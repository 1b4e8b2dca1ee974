"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { settingCheckbox } from "@/lib/fields";
import { fieldErrors, type FormState } from "@/lib/form-state";
import { updateRecoverySettings } from "@/server/admin/update-recovery-settings";
import { updateTwoStepPolicy } from "@/server/admin/update-two-step-policy";
import { updateWeakKeywords } from "@/server/admin/update-weak-keywords";
import { updatePasswordProfile } from "@/server/admin/update-password-profile";
import { PASSWORD_PROFILES } from "@/lib/password-policy";
import { postmaster } from "@/web/actions/action-guards";
import { createAction } from "@/web/actions/create-action";
import { translateFieldErrors } from "@/web/i18n";
import { messageKey } from "@/lib/message-ref";

const PAGE = "/admin/password-policy";
// The length rule is the domain's (validateWeakKeywords), stated once; the form only needs a keyword.
const keywordSchema = z.object({
  keyword: z
    .string({ error: messageKey("Admin.policy.keywordRequired") })
    .trim()
    .min(1, messageKey("Admin.policy.keywordRequired")),
});

function keywordAction(op: "add" | "remove") {
  return createAction({
    name: `policy.weak_keywords.${op}`,
    guard: postmaster,
    schema: keywordSchema,
    run: async (data, { pm, meta, t }): Promise<FormState> => {
      const result = await updateWeakKeywords({ postmaster: pm, op, keyword: data.keyword }, meta);
      if (!result.ok) return fieldErrors(translateFieldErrors(t, { keyword: result.messages }), { keyword: data.keyword });
      revalidatePath(PAGE);
      const keyword = data.keyword.toLowerCase();
      return { status: "success", message: t(op === "add" ? "Admin.policy.keywordAdded" : "Admin.policy.keywordRemoved", { keyword }) };
    },
  });
}

/** Security > Password Policy: the weak-password keywords of the domain. */
export const addKeywordAction = keywordAction("add");
export const removeKeywordAction = keywordAction("remove");

/** Security > Password Policy: which self-service methods the domain allows, and the postmaster's notice of their use. */
export const saveRecoverySettingsAction = createAction({
  name: "policy.recovery_settings",
  guard: postmaster,
  schema: z.object({
    allowSmsRecovery: settingCheckbox,
    allowQuestionRecovery: settingCheckbox,
    allowEmailRecovery: settingCheckbox,
    notifyPostmasterOfSelfServiceResets: settingCheckbox,
  }),
  run: async (data, { pm, meta, t }): Promise<FormState> => {
    await updateRecoverySettings({ postmaster: pm, ...data }, meta);
    revalidatePath(PAGE);
    return { status: "success", message: t("Admin.policy.recoverySaved") };
  },
});

/** Security > Password Policy: "Require two-step logon for employees". */
export const saveTwoStepPolicyAction = createAction({
  name: "policy.two_step",
  guard: postmaster,
  schema: z.object({ requireTwoStepForEmployees: settingCheckbox }),
  run: async (data, { pm, meta, t }): Promise<FormState> => {
    await updateTwoStepPolicy({ postmaster: pm, ...data }, meta);
    revalidatePath(PAGE);
    return { status: "success", message: t("Admin.policy.twoStepSaved") };
  },
});

const numberText = z.string().max(16).optional();

/**
 * Security > Password Policy: the profile and, with Custom, its settings (the domain function checks
 * their bounds; a bad one is reported beside its field and nothing is saved).
 */
export const savePasswordProfileAction = createAction({
  name: "policy.password_profile",
  guard: postmaster,
  schema: z.object({
    profile: z.enum(PASSWORD_PROFILES, { error: messageKey("Admin.policy.profileRequired") }),
    minLength: numberText,
    maxLength: numberText,
    classesRequired: numberText,
    historyDepth: numberText,
    expiryDays: numberText,
    allowUnicode: settingCheckbox.optional(),
  }),
  run: async (data, { pm, meta, t }): Promise<FormState> => {
    const { profile, allowUnicode, ...numbers } = data;
    const result = await updatePasswordProfile(
      { postmaster: pm, profile, custom: { ...numbers, allowUnicode: allowUnicode ?? false } },
      meta,
    );
    if (!result.ok) {
      const values = Object.fromEntries(
        Object.entries({ profile, ...numbers, allowUnicode: allowUnicode ? "on" : "off" }).map(([k, v]) => [k, v ?? ""]),
      );
      return fieldErrors(translateFieldErrors(t, result.fieldErrors), values);
    }
    revalidatePath(PAGE);
    return { status: "success", message: t("Admin.policy.profileSaved", { profile: t(`Admin.policy.profiles.${profile}.name`) }) };
  },
});
