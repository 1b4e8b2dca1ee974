"use server";
import { z } from "zod";
import { passwordInput } from "@/lib/fields";
import { fieldErrors, goTo } from "@/lib/form-state";
import { messageKey } from "@/lib/message-ref";
import {
  cancelBackupEmailBinding,
  confirmBackupEmail,
  removeBackupEmail,
  startBackupEmailBinding,
} from "@/server/account-security/backup-email";
import { createAction, createCommand } from "@/web/actions/create-action";
import { translateFieldErrors } from "@/web/i18n";
import { refusalState } from "@/web/refusals";
import { ACCOUNT_REFUSALS } from "./refusals";
import { codeSchema, currentPasswordSchema, signedIn } from "./signed-in";

/** Account Security > Backup email address (components/account/backup-email-card.tsx). */

const EMAIL_REQUIRED = messageKey("Account.backupEmail.errors.required");

/** Send code: the address and the current password. */
export const startBackupEmailAction = createAction({
  name: "backup_email.bind",
  guard: signedIn,
  schema: z.object({
    email: z.string({ error: EMAIL_REQUIRED }).trim().min(1, EMAIL_REQUIRED).max(254, messageKey("Account.backupEmail.errors.tooLong")),
    currentPassword: passwordInput("Fields.errors.currentPasswordRequired"),
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
export const confirmBackupEmailAction = createAction({
  name: "backup_email.confirm",
  guard: signedIn,
  schema: codeSchema,
  run: async (data, { user, meta, t }) => {
    const r = await confirmBackupEmail({ accountId: user.id, code: data.code, meta });
    if (r.ok) return goTo("/account?done=backup-email-bound");
    if (r.error === "not_found") return goTo("/login");
    return refusalState(t, ACCOUNT_REFUSALS.backupEmailConfirm, { ...r, error: r.error });
  },
});

export const cancelBackupEmailAction = createCommand({
  name: "backup_email.cancel",
  guard: signedIn,
  run: async ({ user }) => {
    await cancelBackupEmailBinding({ accountId: user.id });
    return goTo("/account");
  },
});

export const removeBackupEmailAction = createAction({
  name: "backup_email.remove",
  guard: signedIn,
  schema: currentPasswordSchema,
  run: async (data, { user, meta, t }) => {
    const r = await removeBackupEmail({ accountId: user.id, currentPassword: data.currentPassword, meta });
    if (r.ok) return goTo("/account?done=backup-email-removed");
    return refusalState(t, ACCOUNT_REFUSALS.backupEmailRemove, r);
  },
});
