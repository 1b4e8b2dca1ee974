/**
 * Shared set-up of the recovery*.test.ts files (not a test file itself):
 * the demo data, a fake clock, the captcha test word, and short-hands for
 * driving the wizard's domain functions the way its actions do.
 */
import { afterEach, beforeEach, vi } from "vitest";
import { resetEnvCache } from "@/env";
import { getDb } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { startRecovery } from "@/server/recovery/start-recovery";
import { sendRecoveryCode } from "@/server/recovery/send-recovery-code";
import { verifyRecoveryCode } from "@/server/recovery/verify-recovery-code";
import { verifySecurityAnswers } from "@/server/recovery/verify-security-answers";
import { peekLimit } from "@/server/security/rate-limit";
import { freshDemo, meta, passedCaptcha, useFakeClock } from "../support/fixtures";
import { DEMO } from "../support/demo-accounts";

export const ALICE = DEMO.alice.email; // secure mobile +14155550101 and questions
export const BOB = DEMO.bob.email; // neither
export const CAROL = DEMO.carol.email; // questions only
export const DAN = DEMO.dan.email; // secure mobile only
export const ERIN = DEMO.erin.email; // secure mobile, other domain
export const ALICE_ANSWERS = [...DEMO.alice.answers];
export const CAROL_ANSWERS = [...DEMO.carol.answers];
export const WRONG_ANSWERS = ["Rex", "Hangzhou", "Sunset"];

let captchaIp = 0;

/** Each test starts from the demo data, at a fixed fake time, with the captcha test word on. */
export function useRecoveryTestEnv(vars: Record<string, string> = {}) {
  const clock = { current: undefined as unknown as ReturnType<typeof useFakeClock> };
  const saved = { ...process.env };
  beforeEach(async () => {
    await freshDemo();
    clock.current = useFakeClock();
    Object.assign(process.env, { CAPTCHA_TEST_MODE: "1", SMS_PROVIDER: "console", SMS_HOURLY_CAP: "1000" }, vars);
    resetEnvCache();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    resetEnvCache();
  });
  return {
    advance: (ms: number) => clock.current.advance(ms),
    set: (d: Date) => clock.current.set(d),
  };
}

/** A passed image code drawn from its own IP, so the 30-images-a-minute cap never interferes. */
export function captcha() {
  captchaIp = (captchaIp + 1) % 250;
  return passedCaptcha({ ip: `192.0.2.${captchaIp + 1}`, userAgent: "vitest" });
}

export async function start(address: string, m: RequestMeta = meta, previousFlowId?: string) {
  return startRecovery({ flowId: previousFlowId, address, ...(await captcha()) }, m);
}

/** Step 1 for an address that can self-serve; returns the flow id. */
export async function startFlow(address: string, m: RequestMeta = meta): Promise<string> {
  const r = await start(address, m);
  if (!r.ok) throw new Error(`step 1 refused ${address}: ${r.error}`);
  return r.flowId;
}

export const send = (flowId: string, m: RequestMeta = meta) => sendRecoveryCode({ flowId, method: "SMS" }, m);
export const enter = (flowId: string, code: string, m: RequestMeta = meta) => verifyRecoveryCode({ flowId, code }, m);
export const answer = (flowId: string, answers: string[], m: RequestMeta = meta) => verifySecurityAnswers({ flowId, answers }, m);

/**
 * The state of a flow, from the token the browser holds ("<id>.<browser key>"):
 * its row, with the fields of its SMS code challenge (a Verification) beside them.
 */
export async function flowRow(flowToken: string) {
  const id = flowToken.split(".")[0];
  const flow = await getDb().recoveryFlow.findUniqueOrThrow({ where: { id } });
  const code = await getDb().verification.findUnique({
    where: { purpose_target: { purpose: "RECOVERY", target: id } },
    omit: { codeHash: false },
  });
  return {
    ...flow,
    code,
    codeHash: code?.codeHash ?? null,
    codeExpiresAt: code?.codeExpiresAt ?? null,
    codeAttempts: code?.codeAttempts ?? 0,
    codeSentAt: code?.codeSentAt ?? null,
    sendCount: code?.sendCount ?? 0,
  };
}

/** The code of the newest recovery SMS to `to` (the console provider stores the real body in tests). */
export async function lastCode(to = DEMO.alice.mobile): Promise<string> {
  const [m] = await getDb().smsMessage.findMany({
    where: { to, purpose: "RECOVERY_CODE", status: "SENT" },
    orderBy: { createdAt: "desc" },
    take: 1,
  });
  const code = m?.body.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no recovery code was sent to ${to}`);
  return code;
}

/** Sends a code on the flow and returns it. */
export async function sendCode(flowId: string, m: RequestMeta = meta, to?: string): Promise<string> {
  const r = await send(flowId, m);
  if (!r.ok) throw new Error(`send refused: ${r.error}`);
  return lastCode(to);
}

/** A 6-digit code that is not `code`. */
export const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

export async function failures(accountId: string) {
  const [all, questions] = await Promise.all([
    peekLimit("recoveryFailuresByAccount", accountId),
    peekLimit("questionFailuresByAccount", accountId),
  ]);
  return { all: all.used, questions: questions.used };
}
