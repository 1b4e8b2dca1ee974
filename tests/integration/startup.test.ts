import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** `npm start` refuses a bad configuration with a message naming the variable (and starts nothing). */
function start(env: Record<string, string>) {
  const root = path.resolve(import.meta.dirname, "../..");
  const tsx = path.join(root, "node_modules", ".bin", "tsx");
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DATABASE_URL|SESSION_SECRET|NODE_ENV|VITEST.*)$/.test(k)));
  return spawnSync(tsx, ["--conditions=react-server", "scripts/serve.ts"], {
    cwd: root, env: { ...clean, PORT: "3999", ...env } as unknown as NodeJS.ProcessEnv, encoding: "utf8", timeout: 60_000,
  });
}

describe("start-up configuration check", () => {
  it.each([
    [{ SESSION_SECRET: "too-short" }, /SESSION_SECRET: must be at least 32 characters/],
    [{ DATABASE_URL: "mysql://root@127.0.0.1/x" }, /DATABASE_URL: must be a postgres/],
    [{ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/none" }, /DATABASE_URL: cannot connect/],
    [{ SMS_PROVIDER: "twilio" }, /TWILIO_ACCOUNT_SID: is required when SMS_PROVIDER=twilio/],
  ])("%o stops the start", (env, message) => {
    const r = start({ DATABASE_URL: process.env.DATABASE_URL!, SESSION_SECRET: "s".repeat(40), ...env });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).not.toMatch(/Ready|starting on/);
  });

  it("requires SESSION_SECRET in production (no generated one)", () => {
    const r = start({ DATABASE_URL: process.env.DATABASE_URL!, NODE_ENV: "production" });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/SESSION_SECRET: is required/);
  });
});
