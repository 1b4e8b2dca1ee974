import { spawnSync } from "node:child_process";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { resetDatabase } from "../support/db";
import { DEMO } from "../support/demo-accounts";

/**
 * `npm start` refuses a bad configuration with a message naming the variable
 * and saying what to set, and starts nothing. A deployment (anything but a
 * local run: src/env.ts runProfile) gets no demo conveniences.
 */
const root = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const SECRET = "Zk3v9Qp2Lr8Wm4Tx6Yb1Nc5Hd7Gf0Js-Ua_Ie";
const DEPLOYMENT = {
  SESSION_SECRET: SECRET,
  APP_URL: "https://mail.example.com",
  SMS_PROVIDER: "twilio",
  TWILIO_ACCOUNT_SID: "AC00000000000000000000000000000001",
  TWILIO_AUTH_TOKEN: "token",
  TWILIO_FROM_NUMBER: "+15005550006",
  EMAIL_PROVIDER: "smtp",
  SMTP_URL: "smtp://127.0.0.1:2525",
};

function run(script: string, env: Record<string, string>, args: string[] = []) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(DATABASE_URL|SESSION_SECRET|NODE_ENV|APP_ENV|APP_URL|SMS_PROVIDER|CAPTCHA_TEST_MODE|TWILIO_.*|VITEST.*)$/.test(k),
    ),
  );
  return spawnSync(tsx, ["--conditions=react-server", script, ...args], {
    cwd: root,
    env: { ...clean, PORT: "3999", DATABASE_URL: process.env.DATABASE_URL!, ...env } as unknown as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 60_000,
  });
}
const start = (env: Record<string, string>, args: string[] = []) => run("scripts/serve.ts", env, args);

describe("start-up configuration check", () => {
  it.each([
    [{ APP_ENV: "development", SESSION_SECRET: "too-short" }, /SESSION_SECRET: must be at least 32 characters/],
    [{ APP_ENV: "development", SESSION_SECRET: SECRET, DATABASE_URL: "mysql://root@127.0.0.1/x" }, /DATABASE_URL: must be a postgres/],
    [
      { APP_ENV: "development", SESSION_SECRET: SECRET, DATABASE_URL: "postgresql://postgres@127.0.0.1:1/none" },
      /DATABASE_URL: cannot connect/,
    ],
    [
      { APP_ENV: "development", SESSION_SECRET: SECRET, SMS_PROVIDER: "twilio" },
      /TWILIO_ACCOUNT_SID: is required when SMS_PROVIDER=twilio/,
    ],
    [{ APP_ENV: "development", SESSION_SECRET: SECRET, TRUST_PROXY: "many" }, /TRUST_PROXY/],
  ])("%o stops the start", (env, message) => {
    const r = start(env);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).not.toMatch(/listening|starting on/);
  });
});

describe("a deployment (a DATABASE_URL and no APP_ENV, or APP_ENV=production) stops on demo settings", () => {
  it("the defaults of a local run are refused, each naming its variable and what to set", () => {
    const r = start({});
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/SESSION_SECRET: is required: 32 or more random bytes/);
    expect(r.stderr).toMatch(
      /SMS_PROVIDER: is "console", which only prints codes to the log: a deployment sends real SMS, set SMS_PROVIDER=twilio/,
    );
    expect(r.stderr).toMatch(/APP_URL: is required on a deployment/);
    expect(r.stderr).toMatch(/APP_ENV=development for a local run/);
  });

  it.each([
    [{ APP_URL: "http://mail.example.com" }, /APP_URL: must start with https:\/\/ on a deployment/],
    [{ APP_ENV: "production", CAPTCHA_TEST_MODE: "1" }, /CAPTCHA_TEST_MODE: is for automated tests only: it needs APP_ENV=test/],
    [{ SMS_PROVIDER: "console" }, /SMS_PROVIDER: is "console"/],
    [{ SESSION_SECRET: "x".repeat(48) }, /SESSION_SECRET: looks like a placeholder/],
  ])("%o stops the start", (override, message) => {
    const r = start({ ...DEPLOYMENT, ...override });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
  });

  it("CAPTCHA_TEST_MODE is refused on a local development run too (tests only)", () => {
    const r = start({ APP_ENV: "development", SESSION_SECRET: SECRET, CAPTCHA_TEST_MODE: "1" });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/CAPTCHA_TEST_MODE: is for automated tests only/);
  });
});

describe("demo data", () => {
  beforeEach(resetDatabase);

  it("a deployment's empty database is migrated but never seeded; the banner has no demo logons", async () => {
    const r = start(DEPLOYMENT, ["--prepare-only"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/never seeded with demo data/);
    expect(r.stdout).toMatch(/ready \(deployment\)/);
    expect(r.stdout).not.toMatch(/Blue#Harbor2026|Cloud#Console2026/);
    expect(await getDb().cloudAccount.count()).toBe(0);
    expect(await getDb().mailAccount.count()).toBe(0);
  });

  it("npm run db:seed refuses a deployment's database unless --force", async () => {
    const refused = run("scripts/seed.ts", DEPLOYMENT);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/Refusing to seed the demo accounts, whose passwords are public, into a deployment's database/);
    expect(await getDb().mailAccount.count()).toBe(0);
    const forced = run("scripts/seed.ts", DEPLOYMENT, ["--force"]);
    expect(forced.status).toBe(0);
    expect(await getDb().mailAccount.count()).toBeGreaterThan(0);
  });

  it("a local run (APP_ENV=development) seeds an empty database", async () => {
    const r = start({ APP_ENV: "development", SESSION_SECRET: SECRET }, ["--prepare-only"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Seeded the demo data \(empty database, local run\)/);
    expect(await getDb().mailAccount.count({ where: { address: DEMO.alice.email } })).toBe(1);
  });
});
