import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { postmasterOf, type Postmaster } from "@/server/admin/postmaster";
import { loadMailUser, loadOperator, type MailUser, type Operator } from "@/server/auth/load-session-account";
import { openSession } from "./session";

/**
 * Who is asking. Pages use require*(), which redirect; server actions use the
 * guards of src/web/actions/action-guards.ts, which audit a refusal.
 * proxy.ts only redirects optimistically: these are the real checks.
 */
// Once per request (React's cache): the layout, the page and its components ask alike.
export const getMailUser = cache(async (): Promise<MailUser | null> => loadMailUser(await openSession("mail")));

export const getOperator = cache(async (): Promise<Operator | null> => loadOperator(await openSession("console")));

/** Account Security is the one page a session that must first set up two-step logon may reach. */
export const TWO_STEP_SETUP_PATH = "/account";

/**
 * A signed-in mail account. In a fixed order: a setup-only session that has set up its method shows
 * Account Security alone (to log off); an account that must change its password does that first
 * (also in a setup-only session: a provisioned postmaster), then sets up two-step logon.
 */
export async function requireMailUser(
  opts: { allowMustChange?: boolean; allowTwoStepSetup?: boolean; allowLogOnAgain?: boolean } = {},
): Promise<MailUser> {
  const user = await getMailUser();
  if (!user) redirect("/login");
  if (user.logOnAgain) {
    if (opts.allowLogOnAgain) return user;
    redirect(TWO_STEP_SETUP_PATH);
  }
  if (user.mustChangePassword && !opts.allowMustChange) redirect("/account/change-password");
  if (user.twoStepSetupRequired && !opts.allowTwoStepSetup) redirect(TWO_STEP_SETUP_PATH);
  return user;
}

/** A postmaster's page: the signed-in account, and `pm`, the principal the admin entry points take. */
export async function requirePostmaster(): Promise<MailUser & { pm: Postmaster }> {
  const user = await requireMailUser();
  const pm = postmasterOf(user);
  if (!pm) redirect("/account?denied=admin");
  return { ...user, pm };
}

/** A page path of the console an operator that must change its password may reach (the rest send it there). */
export const CONSOLE_PASSWORD_PATH = "/console/password";

/** A signed-in operator; one whose console password must be changed only reaches Console Password (and the layout). */
export async function requireOperator(opts: { allowMustChange?: boolean } = {}): Promise<Operator> {
  const op = await getOperator();
  if (!op) redirect("/console/login");
  if (op.mustChangePassword && !opts.allowMustChange) redirect(CONSOLE_PASSWORD_PATH);
  return op;
}

export async function requireAnonymousMail(): Promise<void> {
  const user = await getMailUser();
  if (user) redirect(user.role === "POSTMASTER" ? "/admin" : "/account");
}
