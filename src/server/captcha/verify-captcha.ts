import "server-only";
import { getEnv } from "@/env";
import { getDb } from "@/server/db";
import { now } from "@/server/clock";
import { hmacMatches } from "@/server/security/hmac";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { AuditAction } from "@/server/audit/audit-action";
import type { RequestMeta } from "@/server/request-meta";
import { componentLogger } from "@/server/observability/logger";
import { CAPTCHA_TEST_ANSWER, normalizeCaptchaAnswer } from "./captcha-text";

/** src/env.ts refuses CAPTCHA_TEST_MODE without APP_ENV=test; checked here again, so no other path can enable it. */
function isCaptchaTestMode(): boolean {
  const env = getEnv();
  return env.CAPTCHA_TEST_MODE && env.APP_ENV === "test" && env.profile === "local";
}

type FailReason = "missing" | "expired_or_used" | "wrong_answer";
/** Which form asked for the image code (recorded with a failure; the metrics count the two apart). */
export type CaptchaFlow = "logon" | "recovery";

/**
 * Checks an answer against its challenge. The challenge is consumed by the
 * first check, right or wrong, so one image allows exactly one guess.
 * Never throws for bad input; every refusal is audited as captcha.failed.
 */
export async function verifyCaptcha(id: string | undefined, answer: string, meta: RequestMeta, flow: CaptchaFlow): Promise<boolean> {
  const given = normalizeCaptchaAnswer(typeof answer === "string" ? answer : "");
  if (!id || id.length > 64) return fail("missing", meta, flow);

  // Atomic: of two concurrent checks of one challenge, only one sees count 1.
  const at = now();
  const db = getDb();
  const { count } = await db.captchaChallenge.updateMany({
    where: { id, usedAt: null, expiresAt: { gt: at } },
    data: { usedAt: at },
  });
  if (count !== 1) return fail("expired_or_used", meta, flow);

  // Test mode still needs a live challenge (the page loaded its image); only the word is fixed.
  if (isCaptchaTestMode() && given === CAPTCHA_TEST_ANSWER) return true;

  const row = given ? await db.captchaChallenge.findUnique({ where: { id }, omit: { answerHash: false } }) : null;
  if (row && hmacMatches(row.answerHash, "captcha", given)) return true;
  return fail("wrong_answer", meta, flow);
}

async function fail(reason: FailReason, meta: RequestMeta, flow: CaptchaFlow): Promise<false> {
  try {
    await recordAuditEvent({
      actor: { kind: "ANONYMOUS" },
      action: AuditAction.captchaFailed,
      result: "FAILURE",
      meta,
      detail: { reason, flow },
    });
  } catch (e) {
    componentLogger("captcha").error({ err: e }, "could not audit a failed check");
  }
  return false;
}
