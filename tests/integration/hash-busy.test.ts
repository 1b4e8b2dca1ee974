import argon2 from "argon2";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { logOn } from "@/server/auth/log-on";
import { HashBusyError, hashQueueStats, verifySecret } from "@/server/security/password-hash";
import { verifySecurityAnswers } from "@/server/recovery/verify-security-answers";
import { accountByAddress, meta } from "../support/fixtures";
import { ALICE, ALICE_ANSWERS, failures, startFlow, useRecoveryTestEnv } from "./recovery-helpers";

/**
 * A full hashing queue (SECURITY.md "Hashing": a clear "busy" instead of a
 * pile-up) must not become an oracle or cost a try. Its own file, so the
 * dummy hash of unknown addresses has not been made before the first test.
 */
let slow = "";
beforeAll(async () => {
  // A hash whose verify holds the single slot for a while (its own, high cost parameters).
  slow = await argon2.hash("slow", { type: argon2.argon2id, memoryCost: 131_072, timeCost: 4, parallelism: 1 });
});

/** Takes the only slot (ARGON2_MAX_CONCURRENCY=1, no queue) until the returned promise settles. */
function occupyHasher(): Promise<boolean> {
  const busy = verifySecret(slow, "x");
  expect(hashQueueStats().running).toBe(1);
  return busy;
}

describe("a busy hasher", () => {
  useRecoveryTestEnv();
  beforeEach(() => {
    Object.assign(process.env, { ARGON2_MAX_CONCURRENCY: "1", ARGON2_MAX_QUEUE: "0" });
    resetEnvCache();
  });
  afterEach(() => {
    delete process.env.ARGON2_MAX_CONCURRENCY;
    delete process.env.ARGON2_MAX_QUEUE;
    resetEnvCache();
  });

  it("answers busy for a known and an unknown address alike, and an unknown one is not stuck busy afterwards", async () => {
    const held = occupyHasher();
    await expect(logOn("mail", { login: "nobody@example.com", password: "Wrong#Pass2026" }, meta)).rejects.toBeInstanceOf(HashBusyError);
    await expect(logOn("mail", { login: ALICE, password: "Wrong#Pass2026" }, meta)).rejects.toBeInstanceOf(HashBusyError);
    await held;
    expect(await logOn("mail", { login: "nobody@example.com", password: "Wrong#Pass2026" }, meta)).toEqual({
      ok: false,
      error: "invalid",
      captchaRequired: false,
    });
    expect(await logOn("mail", { login: ALICE, password: "Wrong#Pass2026" }, meta)).toEqual({
      ok: false,
      error: "invalid",
      captchaRequired: false,
    });
  });

  it("does not spend a security-question try when no verdict was reached", async () => {
    const alice = await accountByAddress(ALICE);
    const flowId = await startFlow(ALICE);
    const held = occupyHasher();
    await expect(verifySecurityAnswers(flowId, { answers: ALICE_ANSWERS }, meta)).rejects.toBeInstanceOf(HashBusyError);
    await held;
    expect(await failures(alice.id)).toEqual({ all: 0, questions: 0 });
    process.env.ARGON2_MAX_QUEUE = "4"; // the three answers are checked side by side
    resetEnvCache();
    expect(await verifySecurityAnswers(flowId, { answers: ALICE_ANSWERS }, meta)).toEqual({ ok: true });
  });
});
