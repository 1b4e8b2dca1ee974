"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { passwordInput } from "@/lib/fields";
import type { FormState } from "@/lib/form-state";
import { validatedAction } from "@/server/actions/validated-action";
import { authorizeOperator } from "@/server/auth/guards";
import { endSession, startSession } from "@/server/auth/session";
import { changeConsolePassword } from "@/server/console/change-console-password";
import { refuseConsoleRequest } from "@/server/console/refuse-console-request";
import { getRequestMeta } from "@/server/request-meta";
import type { Operator } from "@/server/auth/load-session-account";

const schema = z.object({
  currentPassword: passwordInput("your current password"),
  password: passwordInput("a new password"),
  confirmPassword: passwordInput("the new password again"),
});

const handle = (operator: Operator) =>
  validatedAction(schema, async (data): Promise<FormState> => {
    const result = await changeConsolePassword(operator, data, await getRequestMeta());
    if (!result.ok && result.error === "reauth_blocked") {
      await endSession("console");
      redirect("/console/login?notice=reauth");
    }
    if (!result.ok) return { status: "error", fieldErrors: result.fieldErrors, attempt: Date.now() };
    // Every console session of the operator ended with the new version; this browser keeps a fresh one.
    await startSession("console", { id: operator.id, sessionVersion: result.sessionVersion });
    redirect("/console/password?changed=1");
  });

/** The operator changes its own console password: guard first (a refusal is audited), then parse, then the domain function. */
export async function changeConsolePasswordAction(prev: FormState, formData: FormData): Promise<FormState> {
  const auth = await authorizeOperator();
  if (!auth.ok) {
    await refuseConsoleRequest("change_console_password");
    redirect("/console/login?notice=expired");
  }
  return handle(auth.user)(prev, formData);
}
