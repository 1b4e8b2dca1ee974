import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { openSession } from "./session";
import { loadMailUser, loadOperator, type MailUser, type Operator } from "./load-session-account";

/**
 * Who is asking. Pages use require*(), which redirect; server actions use
 * authorize*(), which return a refusal the action reports and audits.
 * proxy.ts only redirects optimistically: these are the real checks.
 */
// Once per request (React's cache): the layout, the page and its components ask alike.
export const getMailUser = cache(async (): Promise<MailUser | null> => loadMailUser(await openSession("mail")));

export const getOperator = cache(async (): Promise<Operator | null> => loadOperator(await openSession("console")));

export async function requireMailUser(opts: { allowMustChange?: boolean } = {}): Promise<MailUser> {
  const user = await getMailUser();
  if (!user) redirect("/login");
  if (user.mustChangePassword && !opts.allowMustChange) redirect("/account/change-password");
  return user;
}

export async function requirePostmaster(): Promise<MailUser> {
  const user = await requireMailUser();
  if (user.role !== "POSTMASTER") redirect("/account?denied=admin");
  return user;
}

export async function requireOperator(): Promise<Operator> {
  const op = await getOperator();
  if (!op) redirect("/console/login");
  return op;
}

export async function requireAnonymousMail(): Promise<void> {
  const user = await getMailUser();
  if (user) redirect(user.role === "POSTMASTER" ? "/admin" : "/account");
}

export type Authorized<T> = { ok: true; user: T } | { ok: false; reason: "unauthenticated" | "forbidden" };

export async function authorizeMailUser(opts: { allowMustChange?: boolean } = {}): Promise<Authorized<MailUser>> {
  const user = await getMailUser();
  if (!user) return { ok: false, reason: "unauthenticated" };
  if (user.mustChangePassword && !opts.allowMustChange) return { ok: false, reason: "forbidden" };
  return { ok: true, user };
}

export async function authorizePostmaster(): Promise<Authorized<MailUser>> {
  const auth = await authorizeMailUser();
  if (auth.ok && auth.user.role !== "POSTMASTER") return { ok: false, reason: "forbidden" };
  return auth;
}

export async function authorizeOperator(): Promise<Authorized<Operator>> {
  const op = await getOperator();
  return op ? { ok: true, user: op } : { ok: false, reason: "unauthenticated" };
}
