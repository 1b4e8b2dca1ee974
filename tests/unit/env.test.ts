import { describe, expect, it } from "vitest";
import { isLoopbackHost, parseEnv, runProfile } from "@/env";
import { DEPLOYMENT_SECRETS } from "../support/deployment-env";

const DATA_KEY = DEPLOYMENT_SECRETS.DATA_ENCRYPTION_KEY;
const base = {
  APP_ENV: "development",
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/postkey",
  SESSION_SECRET: "x".repeat(32),
  DATA_ENCRYPTION_KEY: DATA_KEY,
};
const deployment = {
  DATABASE_URL: "postgresql://postkey@db.internal:5432/postkey",
  ...DEPLOYMENT_SECRETS,
  EMAIL_PROVIDER: "smtp",
  SMTP_URL: "smtp://postkey:secret@smtp.internal:587",
};

describe("configuration (src/env.ts)", () => {
  it("applies the documented defaults", () => {
    const env = parseEnv(base);
    expect(env).toMatchObject({
      PORT: 3000,
      SMS_PROVIDER: "console",
      CAPTCHA_TEST_MODE: false,
      SMS_HOURLY_CAP: 1000,
      ARGON2_MEMORY_KIB: 19456,
      ARGON2_TIME_COST: 2,
      ARGON2_PARALLELISM: 1,
      DEFAULT_PHONE_COUNTRY: "US",
    });
  });

  it.each([
    [{ SESSION_SECRET: "short" }, "SESSION_SECRET: must be at least 32 characters"],
    [{ SESSION_SECRET: undefined }, "SESSION_SECRET"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL: must be a postgres:// or postgresql:// URL"],
    [{ DATABASE_URL: undefined }, "DATABASE_URL"],
    [{ PORT: "70000" }, "PORT"],
    [{ PORT: "abc" }, "PORT"],
    [{ SMS_PROVIDER: "carrier-pigeon" }, "SMS_PROVIDER"],
    [{ SMS_PROVIDER: "twilio" }, "TWILIO_ACCOUNT_SID: is required when SMS_PROVIDER=twilio"],
    [{ CAPTCHA_TEST_MODE: "yes" }, "CAPTCHA_TEST_MODE"],
    [{ APP_URL: "not a url" }, "APP_URL"],
    [{ ARGON2_MEMORY_KIB: "1024" }, "ARGON2_MEMORY_KIB"],
    [{ TWILIO_API_BASE_URL: "::" }, "TWILIO_API_BASE_URL"],
    [{ SESSION_SECRET_PREVIOUS: "too-short" }, "SESSION_SECRET_PREVIOUS"],
    [{ DATA_ENCRYPTION_KEY: undefined }, "DATA_ENCRYPTION_KEY: is required: 32 or more random bytes in base64"],
    [{ DATA_ENCRYPTION_KEY: "c2hvcnQ=" }, "DATA_ENCRYPTION_KEY: must be 32 or more random bytes in base64"],
    [{ DATA_ENCRYPTION_KEY: "not base64, not at all, though long enough!" }, "DATA_ENCRYPTION_KEY: must be 32 or more random bytes"],
    [{ DATA_ENCRYPTION_KEY: "x".repeat(44), SESSION_SECRET: "x".repeat(44) }, "DATA_ENCRYPTION_KEY: must differ from SESSION_SECRET"],
    [{ DATA_ENCRYPTION_KEY_PREVIOUS: `${DATA_KEY},c2hvcnQ=` }, "DATA_ENCRYPTION_KEY_PREVIOUS: each key must be"],
    [{ DEFAULT_PHONE_COUNTRY: "usa" }, "DEFAULT_PHONE_COUNTRY"],
  ])("refuses %o with a message naming the variable", (override, message) => {
    expect(() => parseEnv({ ...base, ...override })).toThrow(message);
  });

  it("accepts a complete Twilio configuration", () => {
    const env = parseEnv({
      ...base,
      SMS_PROVIDER: "twilio",
      TWILIO_ACCOUNT_SID: "AC1",
      TWILIO_AUTH_TOKEN: "t",
      TWILIO_FROM_NUMBER: "+15005550006",
      TWILIO_API_BASE_URL: "http://127.0.0.1:9999",
    });
    expect(env.TWILIO_API_BASE_URL).toBe("http://127.0.0.1:9999");
  });

  it("treats empty strings as unset for optional values", () => {
    expect(parseEnv({ ...base, APP_URL: "", REDIS_URL: "" })).toMatchObject({ APP_URL: undefined, REDIS_URL: undefined });
  });

  it("TRUST_PROXY is a hop count, 0 by default", () => {
    expect(parseEnv(base).TRUST_PROXY).toBe(0);
    expect(parseEnv({ ...base, TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(() => parseEnv({ ...base, TRUST_PROXY: "-1" })).toThrow("TRUST_PROXY");
    expect(() => parseEnv({ ...base, TRUST_PROXY: "true" })).toThrow("TRUST_PROXY");
  });

  it("HTTP_COMPRESSION is on or off, on by default; a typo stops the start", () => {
    expect(parseEnv(base).HTTP_COMPRESSION).toBe("on");
    expect(parseEnv({ ...base, HTTP_COMPRESSION: "off" }).HTTP_COMPRESSION).toBe("off");
    expect(() => parseEnv({ ...base, HTTP_COMPRESSION: "of" })).toThrow("HTTP_COMPRESSION");
  });
});

describe("HOST: where the app listens (SECURITY.md: a local run listens on 127.0.0.1 unless HOST says otherwise)", () => {
  it("a local run listens on 127.0.0.1 unless HOST says otherwise", () => {
    expect(parseEnv(base).HOST).toBe("127.0.0.1");
    expect(parseEnv({ ...base, HOST: "" }).HOST).toBe("127.0.0.1");
    expect(parseEnv({ ...base, HOST: "0.0.0.0" }).HOST).toBe("0.0.0.0");
  });

  it("a deployment listens where it is told, on every interface when it is not", () => {
    expect(parseEnv(deployment).HOST).toBeUndefined();
    expect(parseEnv({ ...deployment, HOST: "10.0.0.7" }).HOST).toBe("10.0.0.7");
    expect(parseEnv({ ...deployment, HOST: "::" }).HOST).toBe("::");
  });

  it("refuses what is not a host name or an address", () => {
    expect(() => parseEnv({ ...base, HOST: "http://0.0.0.0" })).toThrow("HOST: must be a host name or an IP address");
    expect(() => parseEnv({ ...base, HOST: "0.0.0.0 3000" })).toThrow("HOST");
  });

  it.each([
    ["127.0.0.1", true],
    ["127.1.2.3", true],
    ["::1", true],
    ["localhost", true],
    ["0.0.0.0", false],
    ["::", false],
    ["192.168.1.20", false],
    ["1270.0.0.1", false],
    ["mail.example.com", false],
  ])("%s is a loopback address: %s", (host, loopback) => expect(isLoopbackHost(host)).toBe(loopback));
});

describe("local run or deployment: one rule (runProfile)", () => {
  it.each([
    [{}, "deployment"],
    [{ POSTKEY_EMBEDDED_DB: "1" }, "local"],
    [{ APP_ENV: "development" }, "local"],
    [{ APP_ENV: "test" }, "local"],
    [{ APP_ENV: "production" }, "deployment"],
    [{ APP_ENV: "production", POSTKEY_EMBEDDED_DB: "1" }, "deployment"],
  ])("%o is a %s", (source, profile) => expect(runProfile(source)).toBe(profile));

  it("a complete deployment configuration passes", () => {
    expect(parseEnv(deployment)).toMatchObject({ profile: "deployment", APP_URL: "https://mail.example.com" });
  });

  it("a deployment with a local run's defaults names every problem at once", () => {
    const attempt = () => parseEnv({ DATABASE_URL: deployment.DATABASE_URL });
    expect(attempt).toThrow(/SESSION_SECRET: is required[\s\S]*SMS_PROVIDER: is "console"[\s\S]*APP_URL: is required on a deployment/);
  });

  it.each([
    [{ SMS_PROVIDER: "console" }, 'SMS_PROVIDER: is "console"'],
    [{ APP_URL: undefined }, "APP_URL: is required on a deployment"],
    [{ APP_URL: "http://mail.example.com" }, "APP_URL: must start with https://"],
    [{ CAPTCHA_TEST_MODE: "1" }, "CAPTCHA_TEST_MODE: is for automated tests only"],
    [{ SESSION_SECRET: undefined }, "SESSION_SECRET: is required"],
    [{ SESSION_SECRET: "ab".repeat(20) }, "SESSION_SECRET: looks like a placeholder"],
    [{ DATA_ENCRYPTION_KEY: "A".repeat(44) }, "DATA_ENCRYPTION_KEY: looks like a placeholder"],
    [{ DATA_ENCRYPTION_KEY: undefined }, "DATA_ENCRYPTION_KEY: is required"],
    [{ APP_ENV: "production", POSTKEY_EMBEDDED_DB: "1" }, "DATABASE_URL: is required on a deployment"],
  ])("a deployment refuses %o", (override, message) => {
    expect(() => parseEnv({ ...deployment, ...override })).toThrow(message);
  });

  it("CAPTCHA_TEST_MODE needs APP_ENV=test, even on a local run", () => {
    expect(() => parseEnv({ ...base, CAPTCHA_TEST_MODE: "1" })).toThrow("CAPTCHA_TEST_MODE");
    expect(parseEnv({ ...base, APP_ENV: "test", CAPTCHA_TEST_MODE: "1" }).CAPTCHA_TEST_MODE).toBe(true);
  });

  it("a local run keeps the conveniences: console SMS, no APP_URL", () => {
    expect(
      parseEnv({
        DATABASE_URL: base.DATABASE_URL,
        SESSION_SECRET: base.SESSION_SECRET,
        DATA_ENCRYPTION_KEY: DATA_KEY,
        POSTKEY_EMBEDDED_DB: "1",
      }),
    ).toMatchObject({
      profile: "local",
      SMS_PROVIDER: "console",
    });
  });
});
