import "server-only";
import { z } from "zod";
import { currentPasswordField, newPasswordFields } from "@/lib/fields";
import { fieldErrors, redirectTo, type FormAction } from "@/lib/form-state";
import type { SessionKind } from "@/server/auth/session-policy";
import type { ChangeConsolePasswordResult } from "@/server/console/change-console-password";
import type { ChangeOwnPasswordResult } from "@/server/passwords/change-own-password";
import { createAction, type ActionContext, type ActionGuard } from "@/web/actions/create-action";
import { translateFieldErrors } from "@/web/i18n";
import { endSession, startSession } from "@/web/session";

const schema = z.object({ ...currentPasswordField, ...newPasswordFields });

/**
 * Changing one's own password, for a mail account (Change Password) and an operator (Console
 * Password): the current password and the new one twice. The wrong current passwords that end the
 * caller's sessions (server/auth/reauth-failures.ts) end this browser's too; a change ends every
 * other session with the new version, and this browser keeps a fresh one.
 */
export function changeOwnPasswordAction<C>(def: {
  /** What the audit log calls an attempt. */
  name: string;
  guard: ActionGuard<C>;
  kind: SessionKind;
  change: (data: z.infer<typeof schema>, ctx: C & ActionContext) => Promise<ChangeOwnPasswordResult | ChangeConsolePasswordResult>;
  /** The logon page that says why the session ended. */
  signedOutAt: string;
  /** This browser's fresh session (its new version comes from the change). */
  session: (ctx: C) => { id: string; setupOnly?: boolean };
  done: (ctx: C) => string;
}): FormAction {
  return createAction({
    name: def.name,
    guard: def.guard,
    schema,
    run: async (data, ctx) => {
      const result = await def.change(data, ctx);
      if (!result.ok && result.error !== "invalid") {
        await endSession(def.kind);
        return redirectTo(def.signedOutAt);
      }
      if (!result.ok) return fieldErrors(translateFieldErrors(ctx.t, result.fieldErrors));
      await startSession(def.kind, { ...def.session(ctx), sessionVersion: result.sessionVersion }, ctx.meta);
      return redirectTo(def.done(ctx));
    },
  });
}
