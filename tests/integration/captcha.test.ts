import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/env";
import { getDb } from "@/server/db";
import { SECOND } from "@/server/clock";
import { createCaptchaChallenge } from "@/server/captcha/create-captcha";
import { verifyCaptcha } from "@/server/captcha/verify-captcha";
import { CAPTCHA_ALPHABET, CAPTCHA_LENGTH, generateCaptchaText } from "@/server/captcha/captcha-text";
import { resetDatabase } from "../support/db";
import { captchaDigest } from "../support/short-secret-digest";

const meta = { ip: "198.51.100.20", userAgent: "vitest" };
const T0 = new Date("2026-11-24T21:05:00.000Z");
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const savedTestMode = process.env.CAPTCHA_TEST_MODE;

function setTestMode(on: boolean) {
  process.env.CAPTCHA_TEST_MODE = on ? "1" : "0";
  resetEnvCache();
}

/** A challenge whose answer the test knows. */
async function challenge(text = "KX7HA", m = meta): Promise<string> {
  const created = await createCaptchaChallenge({ text }, m);
  if (!created.ok) throw new Error("unexpected rate limit");
  return created.id;
}

const failures = () => getDb().auditEvent.findMany({ where: { action: "captcha.failed" } });
/** The refusal reasons, sorted: events written within one (fake) millisecond have no order. */
const reasons = async () => (await failures()).map((e) => (e.detail as { reason: string }).reason).sort();

beforeEach(async () => {
  await resetDatabase();
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(T0);
  setTestMode(false);
});

afterEach(() => vi.useRealTimers());

afterAll(() => {
  if (savedTestMode === undefined) delete process.env.CAPTCHA_TEST_MODE;
  else process.env.CAPTCHA_TEST_MODE = savedTestMode;
  resetEnvCache();
});

describe("captcha challenge", () => {
  it("accepts the right answer once", async () => {
    const id = await challenge();
    expect(await verifyCaptcha(id, "KX7HA", meta, "recovery")).toBe(true);
    expect(await verifyCaptcha(id, "KX7HA", meta, "recovery")).toBe(false);
    expect(await reasons()).toEqual(["expired_or_used"]);
  });

  it("is consumed by a wrong answer", async () => {
    const id = await challenge();
    expect(await verifyCaptcha(id, "KX7HE", meta, "recovery")).toBe(false);
    expect(await verifyCaptcha(id, "KX7HA", meta, "recovery")).toBe(false);
    expect(await reasons()).toEqual(["expired_or_used", "wrong_answer"]);
    const events = await failures();
    for (const e of events) expect(e).toMatchObject({ actorKind: "ANONYMOUS", result: "FAILURE", ip: meta.ip, userAgent: "vitest" });
    expect(JSON.stringify(events)).not.toContain("KX7H");
  });

  it("is valid for 119 s", async () => {
    const id = await challenge();
    vi.setSystemTime(T0.getTime() + 119 * SECOND);
    expect(await verifyCaptcha(id, "KX7HA", meta, "recovery")).toBe(true);
  });

  it("is refused at 121 s", async () => {
    const id = await challenge();
    vi.setSystemTime(T0.getTime() + 121 * SECOND);
    expect(await verifyCaptcha(id, "KX7HA", meta, "recovery")).toBe(false);
  });

  it("compares case-insensitively and ignores surrounding spaces", async () => {
    expect(await verifyCaptcha(await challenge(), "kx7ha", meta, "recovery")).toBe(true);
    expect(await verifyCaptcha(await challenge(), "  Kx7hA ", meta, "recovery")).toBe(true);
  });

  it("refuses a missing, unknown or absurd id and an empty answer, without throwing", async () => {
    const id = await challenge();
    expect(await verifyCaptcha(undefined, "KX7HA", meta, "recovery")).toBe(false);
    expect(await verifyCaptcha("", "KX7HA", meta, "recovery")).toBe(false);
    expect(await verifyCaptcha("no-such-challenge", "KX7HA", meta, "recovery")).toBe(false);
    expect(await verifyCaptcha("x".repeat(10_000), "KX7HA", meta, "recovery")).toBe(false);
    expect(await verifyCaptcha(id, "", meta, "recovery")).toBe(false); // an empty answer still spends the challenge
    expect(await verifyCaptcha(id, "KX7HA", meta, "recovery")).toBe(false);
    expect(await verifyCaptcha(await challenge(), "A".repeat(100_000), meta, "recovery")).toBe(false);
    expect(await reasons()).toEqual(
      ["missing", "missing", "expired_or_used", "missing", "wrong_answer", "expired_or_used", "wrong_answer"].sort(),
    );
  });

  it("lets only one of two simultaneous right answers through", async () => {
    const id = await challenge();
    const results = await Promise.all([verifyCaptcha(id, "KX7HA", meta, "recovery"), verifyCaptcha(id, "KX7HA", meta, "recovery")]);
    expect(results.sort()).toEqual([false, true]);
  });

  it("stores the answer only as an HMAC under the server secret", async () => {
    const id = await challenge("kx7ha");
    const row = await getDb().captchaChallenge.findUniqueOrThrow({ where: { id }, omit: { answerHash: false } });
    expect(row.answerHash).toBe(captchaDigest("KX7HA")); // keyed, and the answer normalized first
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(120 * SECOND);
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe("rate limit", () => {
  it("gives 30 images per IP per minute, then refuses until the next minute", async () => {
    for (let i = 0; i < 30; i++) expect((await createCaptchaChallenge({}, meta)).ok).toBe(true);
    expect(await createCaptchaChallenge({}, meta)).toEqual({ ok: false, error: "rate_limited" });
    expect((await createCaptchaChallenge({}, { ...meta, ip: "198.51.100.21" })).ok).toBe(true);
    vi.setSystemTime(T0.getTime() + 61 * SECOND);
    expect((await createCaptchaChallenge({}, meta)).ok).toBe(true);
  });
});

describe("test mode", () => {
  it("refuses PASSED when CAPTCHA_TEST_MODE is off", async () => {
    expect(await verifyCaptcha(await challenge(), "PASSED", meta, "recovery")).toBe(false);
  });

  it("accepts PASSED (any case) for a live challenge when CAPTCHA_TEST_MODE=1", async () => {
    setTestMode(true);
    expect(await verifyCaptcha(await challenge(), "passed", meta, "recovery")).toBe(true);
    expect(await verifyCaptcha(await challenge(), "KX7HA", meta, "recovery")).toBe(true);
    expect(await verifyCaptcha(undefined, "PASSED", meta, "recovery")).toBe(false);
    const used = await challenge();
    await verifyCaptcha(used, "WRONG", meta, "recovery");
    expect(await verifyCaptcha(used, "PASSED", meta, "recovery")).toBe(false);
  });
});

describe("image and text", () => {
  it("is a PNG, never an SVG", async () => {
    const created = await createCaptchaChallenge({}, meta);
    if (!created.ok) throw new Error("rate limited");
    expect(created.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(created.png.toString("latin1")).not.toContain("<svg");
  });

  it("uses an alphabet with no ambiguous characters", () => {
    for (const c of "0O1lIQD2Z5S8B6GUVo") expect(CAPTCHA_ALPHABET.toUpperCase()).not.toContain(c.toUpperCase());
    expect(new Set(CAPTCHA_ALPHABET).size).toBe(CAPTCHA_ALPHABET.length);
  });

  it("draws 5 characters from that alphabet, all of them over many draws", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const text = generateCaptchaText();
      expect(text).toHaveLength(CAPTCHA_LENGTH);
      for (const c of text) {
        expect(CAPTCHA_ALPHABET).toContain(c);
        seen.add(c);
      }
    }
    expect(seen.size).toBe(CAPTCHA_ALPHABET.length);
  });
});
