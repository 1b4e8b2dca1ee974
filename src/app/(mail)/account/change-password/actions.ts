"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { passwordInput } from "@/lib/fields";
import type { FormState } from "@/lib/form-state";
import { validatedAction } from "@/server/actions/validated-action";
import { authorizeMailUser } from "@/server/auth/guards";
import { endSession, startSession } from "@/server/auth/session";
import { changeOwnPassword } from "@/server/passwords/change-own-password";
import { getRequestMeta } from "@/server/request-meta";

const schema = z.object({
  currentPassword: passwordInput("your current password"),
  password: passwordInput("a new password"),
  confirmPassword: passwordInput("the new password again"),
});

export const changePasswordAction = validatedAction(schema, async (data): Promise<FormState> => {
  const auth = await authorizeMailUser({ allowMustChange: true });
  if (!auth.ok) redirect("/login");
  const result = await changeOwnPassword("mail", auth.user.id, data, await getRequestMeta());
  if (!result.ok && result.error === "signed_out") {
    await endSession("mail");
    redirect("/login?notice=reauth-failed");
  }
  if (!result.ok) return { status: "error", fieldErrors: result.fieldErrors, attempt: Date.now() };
  // Every other session ended with the new version; this browser keeps a fresh one.
  await startSession("mail", { id: auth.user.id, sessionVersion: result.sessionVersion });
  redirect(auth.user.role === "POSTMASTER" ? "/admin?changed=1" : "/account?changed=1");
});
