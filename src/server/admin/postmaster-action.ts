import "server-only";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { formError, type FormState } from "@/lib/form-state";
import { validatedAction } from "@/server/actions/validated-action";
import { authorizePostmaster, getMailUser } from "@/server/auth/guards";
import type { MailUser } from "@/server/auth/load-session-account";
import { getRequestMeta, type RequestMeta } from "@/server/request-meta";
import { refuseAccess } from "./postmaster-access";

export const FORBIDDEN_MESSAGE = "Only the postmaster of this domain can do this. Nothing was changed.";
export const NOT_FOUND_MESSAGE = "This item does not exist in your domain. Nothing was changed.";

export interface PostmasterContext {
  user: MailUser;
  meta: RequestMeta;
}

/**
 * Audits a refused console request (no live session, an employee, or a
 * postmaster who must first change its password) and returns who it was.
 */
export async function refuseUnauthorized(
  reason: "unauthenticated" | "forbidden",
  attempted: string,
  meta: RequestMeta,
): Promise<MailUser | null> {
  const user = reason === "forbidden" ? await getMailUser() : null;
  await refuseAccess({
    actor: user ? { kind: "MAIL_ACCOUNT", id: user.id, label: user.address } : { kind: "ANONYMOUS", label: null },
    attempted,
    reason: !user ? "no_session" : user.role === "POSTMASTER" ? "must_change_password" : "not_postmaster",
    domainId: user?.domainId ?? null,
    meta,
  });
  return user;
}

/**
 * Every /admin server action: the caller is checked first, inside the action
 * (authorizePostmaster: a live postmaster session), before any input is
 * read. A refusal is audited; with no session the answer is the logon page.
 * Then validatedAction parses the input and runs the handler, which calls one
 * domain function (and that checks the target's domain again).
 */
export function postmasterAction<S extends z.ZodType<Record<string, unknown>>>(
  attempted: string,
  schema: S,
  handler: (data: z.infer<S>, ctx: PostmasterContext) => Promise<FormState>,
) {
  return async (prev: FormState, formData: FormData): Promise<FormState> => {
    const meta = await getRequestMeta();
    const auth = await authorizePostmaster();
    if (!auth.ok) {
      const user = await refuseUnauthorized(auth.reason, attempted, meta);
      if (!user) redirect("/login");
      return formError(FORBIDDEN_MESSAGE);
    }
    const ctx = { user: auth.user, meta };
    return validatedAction(schema, (data) => handler(data, ctx))(prev, formData);
  };
}
