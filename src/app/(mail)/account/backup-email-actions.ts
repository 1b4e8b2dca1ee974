"use server";
import { z } from "zod";
import { currentPasswordField } from "@/lib/fields";
import { fieldErrors, goTo } from "@/lib/form-state";
import { messageKey } from "@/lib/message-ref";
import {
  cancelBackupEmailBinding,
  confirmBackupEmail,
  removeBackupEmail,
  startBackupEmailBinding,
} from "@/server/account-security/backup-email";
import { createAction } from "@/web/actions/create-action";
import { translateFieldErrors } from "@/web/i18n";
import { refusalState } from "@/web/refusals";
import { ACCOUNT_REFUSALS } from "./refusals";
import { cancelBindingCommand, codeSchema, currentPasswordSchema, methodChangeAction, signedIn } from "./signed-in";

/** Account Security > Backup email address (components/account/backup-email-card.tsx). */

const EMAIL_REQUIRED = messageKey("Account.backupEmail.errors.required");

/** Send code: the address and the current password. */
export const startBackupEmailAction = createAction({
  name: "backup_email.bind",
  guard: signedIn,
  schema: z.object({
    email: z.string({ error: EMAIL_REQUIRED }).trim().min(1, EMAIL_REQUIRED).max(254, messageKey("Account.backupEmail.errors.tooLong")),
    ...currentPasswordField,
  }),
  run: async (data, { user, meta, t }) => {
    const r = await startBackupEmailBinding({ accountId: user.id, email: data.email, currentPassword: data.currentPassword, meta });
    if (r.ok) return goTo("/account");
    const values = { email: data.email };
    if (r.error === "invalid") return fieldErrors(translateFieldErrors(t, r.fieldErrors), values);
    return refusalState(t, ACCOUNT_REFUSALS.backupEmailStart, r, values);
  },
});

/** The code from the email → Verify: the address is bound. */
export const confirmBackupEmailAction = methodChangeAction({
  name: "backup_email.confirm",
  schema: codeSchema,
  change: confirmBackupEmail,
  done: () => "/account?done=backup-email-bound",
  refusals: ACCOUNT_REFUSALS.backupEmailConfirm,
});

export const cancelBackupEmailAction = cancelBindingCommand("backup_email.cancel", cancelBackupEmailBinding);

export const removeBackupEmailAction = methodChangeAction({
  name: "backup_email.remove",
  schema: currentPasswordSchema,
  change: removeBackupEmail,
  done: () => "/account?done=backup-email-removed",
  refusals: ACCOUNT_REFUSALS.backupEmailRemove,
});
