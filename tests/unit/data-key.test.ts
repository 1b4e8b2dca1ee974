import { afterEach, describe, expect, it } from "vitest";
import { dataDigest, dataDigestMatches, digestKeyId } from "@/server/security/data-digest";
import { dataKeyId } from "@/server/security/data-keys";
import { hmacDigest } from "@/server/security/hmac";
import { openSecret, sealedKeyId, sealSecret } from "@/server/security/secret-box";
import { DATA_KEYS, restoreKeys, SESSION_SECRETS, sealV1, useKeys } from "../support/data-keys";

/**
 * Stored secrets under their own key (DATA_ENCRYPTION_KEY): a session
 * rotation never touches them, a data-key rotation keeps what the previous
 * key sealed, and the format before the data key still opens.
 */
const { a, b } = DATA_KEYS;
const idOf = (key: string) => dataKeyId(Buffer.from(key, "base64"));
afterEach(restoreKeys);

describe("sealed secrets (secret-box.ts)", () => {
  it("seal under the current data key, named by its id; open with it; the purpose is bound", () => {
    useKeys({ data: a });
    const sealed = sealSecret("JBSWY3DPEHPK3PXP", "totp-secret");
    expect(sealed.split(".")).toHaveLength(5);
    expect(sealedKeyId(sealed)).toBe(idOf(a));
    expect(idOf(a)).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(openSecret(sealed, "totp-secret")).toBe("JBSWY3DPEHPK3PXP");
    expect(openSecret(sealed, "other-purpose")).toBeNull();
    const parts = sealed.split(".");
    parts[3] = (parts[3][0] === "A" ? "B" : "A") + parts[3].slice(1); // the tag
    expect(openSecret(parts.join("."), "totp-secret")).toBeNull();
    parts[1] = idOf(b); // another key's id
    expect(openSecret(parts.join("."), "totp-secret")).toBeNull();
    expect(openSecret(`${sealed}.x`, "totp-secret")).toBeNull();
  });

  it("a SESSION_SECRET rotation, previous secret dropped, changes nothing", () => {
    useKeys({ data: a, session: SESSION_SECRETS.old });
    const sealed = sealSecret("JBSWY3DPEHPK3PXP", "totp-secret");
    useKeys({ data: a, session: SESSION_SECRETS.new });
    expect(openSecret(sealed, "totp-secret")).toBe("JBSWY3DPEHPK3PXP");
  });

  it("a data-key rotation: the previous key still opens what it sealed; new seals use the new key; a missing key opens nothing", () => {
    useKeys({ data: a });
    const before = sealSecret("JBSWY3DPEHPK3PXP", "totp-secret");
    useKeys({ data: b, dataPrevious: a });
    expect(openSecret(before, "totp-secret")).toBe("JBSWY3DPEHPK3PXP");
    const after = sealSecret("KRSXG5CTMVRXEZLU", "totp-secret");
    expect(sealedKeyId(after)).toBe(idOf(b));
    useKeys({ data: b });
    expect(openSecret(before, "totp-secret")).toBeNull();
    expect(openSecret(after, "totp-secret")).toBe("KRSXG5CTMVRXEZLU");
  });

  it("the format before the data key (v1, under SESSION_SECRET) opens with the session secrets, current or previous", () => {
    const v1 = sealV1("JBSWY3DPEHPK3PXP", "totp-secret", SESSION_SECRETS.old);
    expect(sealedKeyId(v1)).toBe("v1");
    useKeys({ data: a, session: SESSION_SECRETS.old });
    expect(openSecret(v1, "totp-secret")).toBe("JBSWY3DPEHPK3PXP");
    useKeys({ data: a, session: SESSION_SECRETS.new, sessionPrevious: SESSION_SECRETS.old });
    expect(openSecret(v1, "totp-secret")).toBe("JBSWY3DPEHPK3PXP");
    useKeys({ data: a, session: SESSION_SECRETS.new });
    expect(openSecret(v1, "totp-secret")).toBeNull();
  });

  it("anything else is not a sealed value", () => {
    for (const junk of [null, undefined, "", "v3.a.b.c.d", "v2.a.b", "plain"]) {
      expect(sealedKeyId(junk)).toBeNull();
      expect(openSecret(junk, "totp-secret")).toBeNull();
    }
  });
});

describe("digests of recovery codes (data-digest.ts)", () => {
  it("under the data key, named by its id; a session rotation changes nothing; the previous data key still verifies", () => {
    useKeys({ data: a, session: SESSION_SECRETS.old });
    const d = dataDigest("two-step-recovery:mail:1", "k7m2p-x9qtr");
    expect(digestKeyId(d)).toBe(idOf(a));
    expect(dataDigestMatches(d, "two-step-recovery:mail:1", "k7m2p-x9qtr")).toBe(true);
    expect(dataDigestMatches(d, "two-step-recovery:mail:1", "k7m2p-x9qts")).toBe(false);
    expect(dataDigestMatches(d, "two-step-recovery:mail:2", "k7m2p-x9qtr")).toBe(false);
    useKeys({ data: a, session: SESSION_SECRETS.new });
    expect(dataDigestMatches(d, "two-step-recovery:mail:1", "k7m2p-x9qtr")).toBe(true);
    useKeys({ data: b, dataPrevious: a });
    expect(dataDigestMatches(d, "two-step-recovery:mail:1", "k7m2p-x9qtr")).toBe(true);
    useKeys({ data: b });
    expect(dataDigestMatches(d, "two-step-recovery:mail:1", "k7m2p-x9qtr")).toBe(false);
  });

  it("a digest from before the data key (hex under SESSION_SECRET) verifies while its session secret is configured", () => {
    useKeys({ data: a, session: SESSION_SECRETS.old });
    const legacy = hmacDigest("two-step-recovery:mail:1", "k7m2p-x9qtr");
    expect(digestKeyId(legacy)).toBe("v1");
    expect(dataDigestMatches(legacy, "two-step-recovery:mail:1", "k7m2p-x9qtr")).toBe(true);
    useKeys({ data: a, session: SESSION_SECRETS.new, sessionPrevious: SESSION_SECRETS.old });
    expect(dataDigestMatches(legacy, "two-step-recovery:mail:1", "k7m2p-x9qtr")).toBe(true);
    useKeys({ data: a, session: SESSION_SECRETS.new });
    expect(dataDigestMatches(legacy, "two-step-recovery:mail:1", "k7m2p-x9qtr")).toBe(false);
    expect(dataDigestMatches(null, "two-step-recovery:mail:1", "k7m2p-x9qtr")).toBe(false);
  });
});
