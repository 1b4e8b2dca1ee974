import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/env";
import { logOn } from "@/server/auth/log-on";
import type * as HashPool from "@/server/security/hash-pool";
import { HashBusyError, hashQueueStats, verifySecret } from "@/server/security/password-hash";
import { verifySecurityAnswers } from "@/server/recovery/verify-security-answers";
import { accountByAddress, meta } from "../support/fixtures";
import { ALICE, ALICE_ANSWERS, failures, startFlow, useRecoveryTestEnv } from "./recovery-helpers";

/**
 * A full hashing queue (SECURITY.md "Hashing": a clear "busy" instead of a
 * pile-up) must not become an oracle or cost a try. Its own file, so the
 * dummy hash of unknown addresses has not been made before the first test.
 */

/**
 * The slot is held by a verify the test ends itself (a latch, not a slow hash that might finish first):
 * the hashing process answers this one hash only when released; every other hash is real argon2.
 */
const HELD_HASH = "$argon2id$v=19$m=8,t=1,p=1$held-by-the-test$";
const held = vi.hoisted(() => ({ release: () => undefined as void }));
vi.mock("@/server/security/hash-pool", async (importOriginal) => {
  const original = await importOriginal<typeof HashPool>();
  return {
    ...original,
    argon2Verify: (hash: string, secret: string) =>
      hash === HELD_HASH ? new Promise<boolean>((resolve) => (held.release = () => resolve(false))) : original.argon2Verify(hash, secret),
  };
});

/** Takes the only slot (ARGON2_MAX_CONCURRENCY=1, no queue) until the returned release() is called. */
function occupyHasher(): { release(): Promise<boolean> } {
  const busy = verifySecret(HELD_HASH, "x");
  expect(hashQueueStats().running).toBe(1);
  return {
    release() {
      held.release();
      return busy;
    },
  };
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
    const slot = occupyHasher();
    await expect(logOn({ kind: "mail", login: "nobody@example.com", password: "Wrong#Pass2026" }, meta)).rejects.toBeInstanceOf(
      HashBusyError,
    );
    await expect(logOn({ kind: "mail", login: ALICE, password: "Wrong#Pass2026" }, meta)).rejects.toBeInstanceOf(HashBusyError);
    await slot.release();
    expect(await logOn({ kind: "mail", login: "nobody@example.com", password: "Wrong#Pass2026" }, meta)).toEqual({
      ok: false,
      error: "invalid",
      captchaRequired: false,
    });
    expect(await logOn({ kind: "mail", login: ALICE, password: "Wrong#Pass2026" }, meta)).toEqual({
      ok: false,
      error: "invalid",
      captchaRequired: false,
    });
  });

  it("does not spend a security-question try when no verdict was reached", async () => {
    const alice = await accountByAddress(ALICE);
    const flowId = await startFlow(ALICE);
    const slot = occupyHasher();
    await expect(verifySecurityAnswers({ flowId, answers: ALICE_ANSWERS }, meta)).rejects.toBeInstanceOf(HashBusyError);
    await slot.release();
    expect(await failures(alice.id)).toEqual({ all: 0, questions: 0 });
    process.env.ARGON2_MAX_QUEUE = "4"; // the three answers are checked side by side
    resetEnvCache();
    expect(await verifySecurityAnswers({ flowId, answers: ALICE_ANSWERS }, meta)).toEqual({ ok: true });
  });
});
