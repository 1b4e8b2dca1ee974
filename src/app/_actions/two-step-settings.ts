import "server-only";
import { z } from "zod";
import { currentPasswordField, smsCodeInput } from "@/lib/fields";
import { fieldErrors, formError, goTo, redrawAt, type Destination, type FormAction, type FormState } from "@/lib/form-state";
import { cancelTotpSetup, confirmTotpSetup, disableTotp, regenerateRecoveryCodes, startTotpSetup } from "@/server/two-step/manage-two-step";
import type { RequestMeta } from "@/server/request-meta";
import type { TwoStepOwner } from "@/server/two-step/two-step-policy";
import type { Translator } from "@/web/i18n";
import { createAction, createCommand, type ActionGuard } from "@/web/actions/create-action";

/**
 * The actions of one's own authenticator app, for Account Security (mail
 * accounts) and Console Password (operators): the same domain functions
 * behind each page's own guard.
 */
export interface TwoStepSettingsActions {
  start: FormAction;
  cancel: () => Promise<void>;
  confirm: FormAction;
  regenerate: FormAction;
  disable: FormAction;
}

const passwordSchema = z.object(currentPasswordField);

const codesState = (message: string, codes: string[]): FormState => ({ status: "success", message, data: { codes: codes.join("\n") } });

type PasswordError = "wrong_password" | "not_enabled" | "unavailable" | "still_required";

const passwordFailure = (t: Translator, error: PasswordError, wrongPassword: string) =>
  error === "wrong_password"
    ? fieldErrors({ currentPassword: [wrongPassword] })
    : formError(t(error === "still_required" ? "TwoStep.setup.disableBlocked" : "TwoStep.errors.methodUnavailable"));

export function twoStepSettingsActions<C>(opts: {
  /** "totp" for mail accounts, "console.totp" for operators: the audited names of the actions. */
  prefix: string;
  guard: ActionGuard<C>;
  owner: (ctx: C) => TwoStepOwner;
  /** The settings' page: drawn again once a setup starts or is cancelled. */
  page: string;
  /** Where "Turn off" lands (a page that says so). */
  disabledPath: string;
  wrongPassword: (t: Translator) => string;
  /** A setup-only session that sets up its first method: it logs on again through it (the page says so). */
  logOnAgainAfterSetup?: (ctx: C) => boolean;
}): TwoStepSettingsActions {
  const { prefix, guard, owner } = opts;
  /** A change that asks for the password first; a wrong one is said under its field. */
  const withPassword = <R extends { ok: true }>(
    verb: string,
    change: (input: { owner: TwoStepOwner; password: string }, meta: RequestMeta) => Promise<R | { ok: false; error: PasswordError }>,
    done: (r: R, t: Translator) => FormState | Destination,
  ) =>
    createAction({
      name: `${prefix}.${verb}`,
      guard,
      schema: passwordSchema,
      run: async (data, ctx) => {
        const r = await change({ owner: owner(ctx), password: data.currentPassword }, ctx.meta);
        return r.ok ? done(r, ctx.t) : passwordFailure(ctx.t, r.error, opts.wrongPassword(ctx.t));
      },
    });
  return {
    /** "Set up an authenticator app", with the password (a new key, shown as a QR code). */
    start: withPassword("start", startTotpSetup, () => redrawAt(opts.page)),
    cancel: createCommand({
      name: `${prefix}.cancel`,
      guard,
      run: async (ctx) => {
        await cancelTotpSetup({ owner: owner(ctx) });
        return redrawAt(opts.page);
      },
    }),
    /** "Turn on": the app's first code; the recovery codes come back once, in the form's state (never in a URL or the log). */
    confirm: createAction({
      name: `${prefix}.confirm`,
      guard,
      schema: z.object({ code: smsCodeInput }),
      run: async (data, ctx) => {
        const r = await confirmTotpSetup({ owner: owner(ctx), code: data.code }, ctx.meta);
        if (r.ok) {
          const logOnAgain = opts.logOnAgainAfterSetup?.(ctx) ?? false;
          return codesState(ctx.t(logOnAgain ? "TwoStep.setup.enabledLogOnAgain" : "TwoStep.setup.enabled"), r.recoveryCodes);
        }
        return r.error === "wrong_code"
          ? fieldErrors({ code: [ctx.t("TwoStep.setup.wrongCode")] })
          : formError(ctx.t("TwoStep.errors.methodUnavailable"));
      },
    }),
    regenerate: withPassword("recovery_codes", regenerateRecoveryCodes, (r, t) =>
      codesState(t("TwoStep.setup.regenerated"), r.recoveryCodes),
    ),
    disable: withPassword("disable", disableTotp, () => goTo(opts.disabledPath)),
  };
}
