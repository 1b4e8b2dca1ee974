import { z } from "zod";

/**
 * Configuration, read once and validated. A bad value stops the process with
 * a message naming the variable (see formatEnvError and scripts/serve.ts).
 */
const flag = z.enum(["0", "1"]).default("0").transform((v) => v === "1");
const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);
const optionalString = z.preprocess((v) => (v === "" ? undefined : v), z.string().optional());
const optionalUrl = z.preprocess((v) => (v === "" ? undefined : v), z.url().optional());

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string({ error: "is required (the embedded database sets it when you use npm start)" })
      .regex(/^postgres(ql)?:\/\/[^\s]+$/, "must be a postgres:// or postgresql:// URL"),
    PORT: int(3000, 1, 65535),
    APP_URL: optionalUrl,
    /** Trusted proxy hops in front of the app (0: the socket's address is the client). */
    TRUST_PROXY: int(0, 0, 10),
    SESSION_SECRET: z.string({ error: "is required" }).min(32, "must be at least 32 characters"),
    SESSION_SECRET_PREVIOUS: optionalString,
    SMS_PROVIDER: z.enum(["console", "twilio"]).default("console"),
    TWILIO_ACCOUNT_SID: optionalString,
    TWILIO_AUTH_TOKEN: optionalString,
    TWILIO_FROM_NUMBER: optionalString,
    TWILIO_API_BASE_URL: optionalUrl,
    SMS_HOURLY_CAP: int(1000, 1, 10_000_000),
    CAPTCHA_TEST_MODE: flag,
    ARGON2_MEMORY_KIB: int(19_456, 8_192, 1_048_576),
    ARGON2_TIME_COST: int(2, 1, 20),
    ARGON2_PARALLELISM: int(1, 1, 16),
    ARGON2_MAX_CONCURRENCY: int(4, 1, 64),
    ARGON2_MAX_QUEUE: int(64, 0, 10_000),
    REDIS_URL: optionalUrl,
    DEFAULT_PHONE_COUNTRY: z.string().regex(/^[A-Z]{2}$/, "must be a two-letter country code").default("US"),
  })
  .superRefine((env, ctx) => {
    if (env.SMS_PROVIDER === "twilio") {
      for (const key of ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM_NUMBER"] as const) {
        if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required when SMS_PROVIDER=twilio" });
      }
    }
    if (env.SESSION_SECRET_PREVIOUS) {
      for (const s of env.SESSION_SECRET_PREVIOUS.split(",")) {
        if (s.trim().length < 32) {
          ctx.addIssue({ code: "custom", path: ["SESSION_SECRET_PREVIOUS"], message: "each secret must be at least 32 characters" });
        }
      }
    }
  });

export type Env = z.infer<typeof envSchema>;

export function formatEnvError(error: z.ZodError): string {
  const lines = error.issues.map((i) => `  ${i.path.join(".") || "(config)"}: ${i.message}`);
  return `Invalid configuration:\n${lines.join("\n")}`;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) throw new Error(formatEnvError(result.error));
  return result.data;
}

let cached: Env | undefined;

/** The validated configuration of this process (parsed on first use). */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
