import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { envSchema } from "@/env";

/**
 * .env.example is the operator's list of settings: every variable src/env.ts
 * reads is there (as a setting, a test-only one, or one Postkey sets itself),
 * and nothing is there that nothing reads.
 */
const text = readFileSync(path.resolve(import.meta.dirname, "../../.env.example"), "utf8");
const [settings, testsOnly, setByPostkey] = text.split(/^# -{20,}$/m);
const assigned = (part: string) => [...part.matchAll(/^# ([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
const named = (part: string) => [...part.matchAll(/\b(_*[A-Z][A-Z0-9_]{2,})\b/g)].map((m) => m[1]);

describe(".env.example", () => {
  it("has three parts: settings, tests only, set by Postkey itself", () => {
    expect(testsOnly).toMatch(/^\s*# TESTS ONLY/);
    expect(setByPostkey).toMatch(/^\s*# SET BY POSTKEY ITSELF/);
  });

  it("names every variable src/env.ts reads, each in one part", () => {
    const parts = [assigned(settings), assigned(testsOnly), named(setByPostkey)];
    for (const key of Object.keys(envSchema.in.shape)) {
      expect(parts.filter((p) => p.includes(key)).length, key).toBe(1);
    }
  });

  it("offers no setting that src/env.ts does not read (test-only ones are the tests' own)", () => {
    const schema = Object.keys(envSchema.in.shape);
    expect(assigned(settings).filter((k) => !schema.includes(k))).toEqual([]);
    expect(assigned(testsOnly).filter((k) => !schema.includes(k) && !/^(TEST_DATABASE_URL|E2E_[A-Z_]+)$/.test(k))).toEqual([]);
  });
});
