import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { hmacDigest, hmacMatches } from "@/server/security/hmac";

const OLD = "old-session-secret-0123456789-abcdefghijklmnopq";
const NEW = "new-session-secret-0123456789-abcdefghijklmnopq";
const saved = { current: process.env.SESSION_SECRET, previous: process.env.SESSION_SECRET_PREVIOUS };

function useSecrets(current: string, previous?: string): void {
  process.env.SESSION_SECRET = current;
  if (previous === undefined) delete process.env.SESSION_SECRET_PREVIOUS;
  else process.env.SESSION_SECRET_PREVIOUS = previous;
  resetEnvCache();
}

describe("HMAC of short-lived secrets across a SESSION_SECRET rotation", () => {
  afterEach(() => {
    process.env.SESSION_SECRET = saved.current;
    if (saved.previous === undefined) delete process.env.SESSION_SECRET_PREVIOUS;
    else process.env.SESSION_SECRET_PREVIOUS = saved.previous;
    resetEnvCache();
  });

  it("binds a digest to its purpose and value", () => {
    useSecrets(OLD);
    const d = hmacDigest("captcha", "K7M4Q");
    expect(hmacMatches(d, "captcha", "K7M4Q")).toBe(true);
    expect(hmacMatches(d, "captcha", "K7M4R")).toBe(false);
    expect(hmacMatches(d, "sms-code:x", "K7M4Q")).toBe(false);
    expect(hmacMatches(null, "captcha", "K7M4Q")).toBe(false);
  });

  it("still verifies a digest made before the rotation while the old secret is in SESSION_SECRET_PREVIOUS", () => {
    useSecrets(OLD);
    const before = hmacDigest("sms-code:flow", "123456");
    useSecrets(NEW, `another-retired-secret-0123456789-abcdefgh, ${OLD}`);
    expect(hmacMatches(before, "sms-code:flow", "123456")).toBe(true);
    expect(hmacMatches(before, "sms-code:flow", "654321")).toBe(false);
    // New digests use the new secret only.
    const after = hmacDigest("sms-code:flow", "123456");
    expect(after).not.toBe(before);
    useSecrets(OLD);
    expect(hmacMatches(after, "sms-code:flow", "123456")).toBe(false);
  });

  it("refuses a digest of a secret that was dropped from SESSION_SECRET_PREVIOUS", () => {
    useSecrets(OLD);
    const before = hmacDigest("captcha", "K7M4Q");
    useSecrets(NEW);
    expect(hmacMatches(before, "captcha", "K7M4Q")).toBe(false);
  });
});
