import "server-only";
import { redirect } from "next/navigation";
import { formError } from "@/lib/form-state";
import { postmasterOf, type Postmaster } from "@/server/admin/postmaster";
import type { MailUser, Operator } from "@/server/auth/load-session-account";
import type { Actor } from "@/server/audit/record-audit-event";
import { refuseAccess } from "@/server/audit/refuse-access";
import { recordConsoleRefusal } from "@/server/console/record-console-refusal";
import { CONSOLE_PASSWORD_PATH, getMailUser, getOperator, TWO_STEP_SETUP_PATH } from "@/web/guards";
import type { ActionGuard } from "./create-action";

/**
 * Who may run a server action (the `guard` of createAction). Each re-checks
 * the session inside the action, whatever the page showed; a refusal is
 * audited (access.refused) before any input is read, then answered with the
 * logon page or a form error.
 */
const mailActor = (u: MailUser): Actor => ({ kind: "MAIL_ACCOUNT", id: u.id, label: u.address });

/** Anyone: the logon and Forgot Password forms (their domain functions carry their own limits). */
export const anyone: ActionGuard<Record<never, never>> = async () => ({ ok: true, ctx: {} });

/**
 * A signed-in mail account (employee or postmaster); one that must change its password may only do
 * that, one that must set up two-step logon only Account Security, and a setup-only session that has
 * set up its method nothing at all (Log Off is open to anyone).
 */
export function mailUser(opts: { allowMustChange?: boolean; allowTwoStepSetup?: boolean } = {}): ActionGuard<{ user: MailUser }> {
  return async ({ attempted, meta }) => {
    const user = await getMailUser();
    const logOnAgain = user?.logOnAgain;
    const mustChange = user?.mustChangePassword && !opts.allowMustChange;
    const mustSetUp = user?.twoStepSetupRequired && !opts.allowTwoStepSetup;
    if (user && !logOnAgain && !mustChange && !mustSetUp) return { ok: true, ctx: { user } };
    await refuseAccess({
      actor: user ? mailActor(user) : { kind: "ANONYMOUS", label: null },
      attempted,
      reason: !user ? "no_session" : logOnAgain ? "log_on_again" : mustChange ? "must_change_password" : "two_step_setup_required",
      domainId: user?.domainId ?? null,
      meta,
    });
    redirect(!user ? "/login" : mustChange && !logOnAgain ? "/account/change-password" : TWO_STEP_SETUP_PATH);
  };
}

/**
 * The postmaster of a domain (domain-management console), resolved once: `pm` is the typed principal the admin
 * entry points take (src/server/admin/postmaster.ts), so nothing reads the caller again; the domain functions
 * check the target's domain.
 */
export const postmaster: ActionGuard<{ user: MailUser; pm: Postmaster }> = async ({ attempted, meta, t }) => {
  const user = await getMailUser();
  const pm = user && postmasterOf(user);
  if (user && pm) return { ok: true, ctx: { user, pm } };
  await refuseAccess({
    actor: user ? mailActor(user) : { kind: "ANONYMOUS", label: null },
    attempted,
    reason: !user
      ? "no_session"
      : user.role !== "POSTMASTER"
        ? "not_postmaster"
        : user.mustChangePassword
          ? "must_change_password"
          : "two_step_setup_required",
    domainId: user?.domainId ?? null,
    meta,
  });
  if (!user) redirect("/login");
  return { ok: false, state: formError(t("Admin.errors.forbidden")) };
};

/**
 * A cloud operator (cloud email console). A refusal names the domain the form targeted, when it exists.
 * An operator whose console password must be changed may only change it (operatorChangingPassword).
 */
function operatorGuard(opts: { allowMustChange: boolean }): ActionGuard<{ operator: Operator }> {
  return async ({ attempted, meta, form }) => {
    const op = await getOperator();
    if (op && (!op.mustChangePassword || opts.allowMustChange)) return { ok: true, ctx: { operator: op } };
    const mail = op ? null : await getMailUser();
    const domainId = form?.get("domainId");
    await recordConsoleRefusal(
      {
        actor: op ? { kind: "CLOUD_ACCOUNT", id: op.id, label: op.email } : mail ? mailActor(mail) : { kind: "ANONYMOUS" },
        reason: op ? "must_change_password" : mail ? "mail_session" : "no_session",
        attempted,
        domainId: typeof domainId === "string" ? domainId : null,
      },
      meta,
    );
    redirect(op ? CONSOLE_PASSWORD_PATH : "/console/login?notice=expired");
  };
}
export const operator = operatorGuard({ allowMustChange: false });
/** Console Password's own change: the one action open to an operator that must change its password. */
export const operatorChangingPassword = operatorGuard({ allowMustChange: true });
