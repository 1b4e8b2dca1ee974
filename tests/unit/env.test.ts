import { describe, expect, it } from "vitest";
import { parseEnv } from "@/env";

const base = { DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/postkey", SESSION_SECRET: "x".repeat(32) };

describe("configuration (src/env.ts)", () => {
  it("applies the documented defaults", () => {
    const env = parseEnv(base);
    expect(env).toMatchObject({
      PORT: 3000, SMS_PROVIDER: "console", CAPTCHA_TEST_MODE: false, SMS_HOURLY_CAP: 1000,
      ARGON2_MEMORY_KIB: 19456, ARGON2_TIME_COST: 2, ARGON2_PARALLELISM: 1, DEFAULT_PHONE_COUNTRY: "US",
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
    [{ DEFAULT_PHONE_COUNTRY: "usa" }, "DEFAULT_PHONE_COUNTRY"],
  ])("refuses %o with a message naming the variable", (override, message) => {
    expect(() => parseEnv({ ...base, ...override })).toThrow(message);
  });

  it("accepts a complete Twilio configuration", () => {
    const env = parseEnv({ ...base, SMS_PROVIDER: "twilio", TWILIO_ACCOUNT_SID: "AC1", TWILIO_AUTH_TOKEN: "t", TWILIO_FROM_NUMBER: "+15005550006", TWILIO_API_BASE_URL: "http://127.0.0.1:9999" });
    expect(env.TWILIO_API_BASE_URL).toBe("http://127.0.0.1:9999");
  });

  it("treats empty strings as unset for optional values", () => {
    expect(parseEnv({ ...base, APP_URL: "", REDIS_URL: "" })).toMatchObject({ APP_URL: undefined, REDIS_URL: undefined });
  });
});
