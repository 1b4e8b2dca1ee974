"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { settingCheckbox } from "@/lib/fields";
import { formError, type FormState } from "@/lib/form-state";
import { FORBIDDEN_MESSAGE, postmasterAction } from "@/server/admin/postmaster-action";
import { updateRecoverySettings } from "@/server/admin/update-recovery-settings";
import { updateWeakKeywords } from "@/server/admin/update-weak-keywords";

const PAGE = "/admin/password-policy";
const keywordSchema = z.object({
  keyword: z.string({ error: "Enter a keyword." }).trim().min(1, "Enter a keyword.").max(200, "A keyword has at most 32 characters."),
});

function keywordAction(op: "add" | "remove") {
  return postmasterAction(`policy.weak_keywords.${op}`, keywordSchema, async (data, { user, meta }): Promise<FormState> => {
    const result = await updateWeakKeywords({ actorId: user.id, op, keyword: data.keyword }, meta);
    if (!result.ok) {
      return result.error === "invalid"
        ? { status: "error", fieldErrors: { keyword: result.messages }, values: { keyword: data.keyword }, attempt: Date.now() }
        : formError(FORBIDDEN_MESSAGE);
    }
    revalidatePath(PAGE);
    const kw = data.keyword.toLowerCase();
    return { status: "success", message: op === "add" ? `"${kw}" was added.` : `"${kw}" was removed.` };
  });
}

export const addKeywordAction = keywordAction("add");
export const removeKeywordAction = keywordAction("remove");

const settingsSchema = z.object({ allowSmsRecovery: settingCheckbox, allowQuestionRecovery: settingCheckbox });

export const saveRecoverySettingsAction = postmasterAction(
  "policy.recovery_settings",
  settingsSchema,
  async (data, { user, meta }): Promise<FormState> => {
    const result = await updateRecoverySettings({ actorId: user.id, ...data }, meta);
    if (!result.ok) return formError(FORBIDDEN_MESSAGE);
    revalidatePath(PAGE);
    return { status: "success", message: "The recovery settings were saved." };
  },
);
