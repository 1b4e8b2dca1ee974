import { z } from "zod";
import { currentPasswordField, smsCodeInput } from "@/lib/fields";
import { goTo, type FormAction } from "@/lib/form-state";
import type { RequestMeta } from "@/server/request-meta";
import { mailUser } from "@/web/actions/action-guards";
import { createAction, createCommand } from "@/web/actions/create-action";
import { refusalState, type Refusal, type RefusalTable } from "@/web/refusals";

/** Account Security: every action is for the signed-in mail account itself (the guard re-checks the session). */
export const signedIn = mailUser({ allowTwoStepSetup: true });

/** A change that asks for the current password and nothing else (Remove). */
export const currentPasswordSchema = z.object(currentPasswordField);

/** The code sent to a mobile or a backup address (Verify). */
export const codeSchema = z.object({ code: smsCodeInput });

type Changed<R> = Extract<R, { ok: true }>;
type Refused<R> = Exclude<Extract<R, { ok: false; error: string }>["error"], "not_found">;

/**
 * A change of one of the account's own methods that answers with where to go or a refusal of its
 * table: Verify (the code sent to the new mobile or address), Remove (the current password). An
 * account that is gone meanwhile sends the browser to log on.
 */
export function methodChangeAction<
  S extends typeof codeSchema | typeof currentPasswordSchema,
  R extends { ok: true } | ({ ok: false } & Refusal<string>),
>(def: {
  name: string;
  schema: S;
  change: (input: z.infer<S> & { accountId: string; meta: RequestMeta }) => Promise<R>;
  done: (r: Changed<R>) => string;
  refusals: RefusalTable<Refused<R>>;
}): FormAction {
  return createAction({
    name: def.name,
    guard: signedIn,
    schema: def.schema,
    run: async (data, { user, meta, t }) => {
      const r = await def.change({ ...data, accountId: user.id, meta });
      if (r.ok) return goTo(def.done(r as Changed<R>));
      if (r.error === "not_found") return goTo("/login");
      // Narrowed by hand: R is known to the caller only.
      return refusalState(t, def.refusals, { ...r, error: r.error as Refused<R> });
    },
  });
}

/** Cancel: the code on its way is dropped, back to Account Security. */
export const cancelBindingCommand = (name: string, cancel: (input: { accountId: string }) => Promise<unknown>) =>
  createCommand({
    name,
    guard: signedIn,
    run: async ({ user }) => {
      await cancel({ accountId: user.id });
      return goTo("/account");
    },
  });
