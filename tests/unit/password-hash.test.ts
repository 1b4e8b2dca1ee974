import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { HashBusyError, hashQueueStats, hashSecret, needsRehash, verifySecret } from "@/server/security/password-hash";

describe("argon2id hashing", () => {
  afterEach(() => {
    delete process.env.ARGON2_MAX_CONCURRENCY;
    delete process.env.ARGON2_MAX_QUEUE;
    resetEnvCache();
  });

  it("hashes with argon2id and the configured parameters, and verifies", async () => {
    const h = await hashSecret("Blue#Harbor2026");
    // argon2 0.45 writes the parameters in the order m, p, t (0.44: m, t, p); both are the same PHC string.
    expect(h).toMatch(/^\$argon2id\$v=19\$m=8192,p=1,t=1\$/);
    expect(await verifySecret(h, "Blue#Harbor2026")).toBe(true);
    expect(await verifySecret(h, "blue#harbor2026")).toBe(false);
    expect(needsRehash(h)).toBe(false);
  });

  it("a hash stored by argon2 0.44 (the release before, parameters as m, t, p) still verifies, with no rehash", async () => {
    const stored = "$argon2id$v=19$m=8192,t=1,p=1$dMDM6Bn7tXpMJd5gPe/mYw$MNOM6kempS2oNnwa573Wh+LCA6S+2fYvXu9OTTIbmWU";
    expect(await verifySecret(stored, "Stored#Before2026")).toBe(true);
    expect(await verifySecret(stored, "Stored#Before2025")).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it("treats a malformed stored hash as a mismatch, not a crash", async () => {
    expect(await verifySecret("not-a-hash", "x")).toBe(false);
    expect(needsRehash("not-a-hash")).toBe(true);
  });

  it("answers busy when the queue is full instead of piling up", async () => {
    process.env.ARGON2_MAX_CONCURRENCY = "1";
    process.env.ARGON2_MAX_QUEUE = "2";
    resetEnvCache();
    const jobs = Array.from({ length: 6 }, (_, i) =>
      hashSecret(`Pass#word${i}xx`).then(
        () => "done",
        (e) => e,
      ),
    );
    // One running, two waiting: full, which readiness reports (/readyz).
    expect(hashQueueStats()).toEqual({ running: 1, waiting: 2, saturated: true });
    const results = await Promise.all(jobs);
    expect(results.filter((r) => r === "done")).toHaveLength(3);
    expect(results.filter((r) => r instanceof HashBusyError)).toHaveLength(3);
    expect(hashQueueStats()).toEqual({ running: 0, waiting: 0, saturated: false });
  });
});
