import { closeSync, openSync, readSync, statSync } from "node:fs";
import { z } from "zod";

/** pino's levels (src/server/observability/logger.ts), here so that the configuration needs no logging import. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/**
 * Configuration, read once and validated. A bad value stops the process with
 * a message naming the variable (see formatEnvError and scripts/serve.ts).
 */
const flag = z
  .enum(["0", "1"])
  .default("0")
  .transform((v) => v === "1");
const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);
const optionalString = z.preprocess((v) => (v === "" ? undefined : v), z.string().optional());
const optionalUrl = z.preprocess((v) => (v === "" ? undefined : v), z.url().optional());

/**
 * Local run or deployment (SECURITY.md "Web", DESIGN.md "Local runs and
 * deployments"): the one rule. A run is local when APP_ENV says development
 * or test, or, with no APP_ENV, when `npm start` runs the embedded database
 * (it sets POSTKEY_EMBEDDED_DB). Everything else is a deployment: no demo
 * data, no SMS outbox, no console SMS, no captcha test mode, a given
 * SESSION_SECRET and an https APP_URL.
 */
export type RunProfile = "local" | "deployment";

export function runProfile(source: Record<string, string | undefined>): RunProfile {
  if (source.APP_ENV === "development" || source.APP_ENV === "test") return "local";
  if (source.APP_ENV === "production") return "deployment";
  return source.POSTKEY_EMBEDDED_DB === "1" ? "local" : "deployment";
}

const LOCAL_HINT = "(or set APP_ENV=development for a local run)";

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** development | test: a local run; production: a deployment. Unset: local only on the embedded database. */
    APP_ENV: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["development", "test", "production"]).optional()),
    /** Set by `npm start` when it runs the embedded PostgreSQL; not for operators. */
    POSTKEY_EMBEDDED_DB: flag,
    DATABASE_URL: z
      .string({ error: "is required (the embedded database sets it when you use npm start)" })
      .regex(/^postgres(ql)?:\/\/[^\s]+$/, "must be a postgres:// or postgresql:// URL"),
    PORT: int(3000, 1, 65535),
    /**
     * The address the app listens on. Unset: 127.0.0.1 on a local run (it serves demo passwords,
     * /dev/sms and /dev/mail), every interface on a deployment (its proxy or balancer decides who reaches it).
     */
    HOST: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string()
        .regex(/^[A-Za-z0-9.:-]{1,253}$/, "must be a host name or an IP address, e.g. 127.0.0.1, 0.0.0.0 or ::")
        .optional(),
    ),
    APP_URL: optionalUrl,
    /** Where to report a vulnerability (/.well-known/security.txt): a mailto: or https: URI. */
    SECURITY_CONTACT: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string()
        .regex(/^(mailto:|https:\/\/)\S+$/, "must be a mailto: or https:// URI")
        .optional(),
    ),
    /**
     * After SIGTERM, keep serving this long with /readyz answering 503 before
     * refusing new connections, so a balancer sees the instance leave first.
     */
    SHUTDOWN_DELAY_MS: int(0, 0, 60_000),
    /** Trusted proxy hops in front of the app (0: the socket's address is the client). */
    TRUST_PROXY: int(0, 0, 10),
    // on: the app gzips its answers; off: a proxy in front compresses (next.config.ts reads it at start).
    HTTP_COMPRESSION: z.enum(["on", "off"]).default("on"),
    // Required (checked below with the deployment rules, so a deployment sees every problem at once).
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    SESSION_SECRET_PREVIOUS: optionalString,
    /**
     * The key of stored secrets (authenticator apps' TOTP keys, recovery-code digests), apart from
     * SESSION_SECRET so that rotating sessions never touches them. Required (checked below); previous
     * keys (comma-separated, newest first) still open what they sealed until `npm run data:reseal`.
     */
    DATA_ENCRYPTION_KEY: optionalString,
    DATA_ENCRYPTION_KEY_PREVIOUS: optionalString,
    SMS_PROVIDER: z.enum(["console", "twilio"]).default("console"),
    TWILIO_ACCOUNT_SID: optionalString,
    TWILIO_AUTH_TOKEN: optionalString,
    TWILIO_FROM_NUMBER: optionalString,
    TWILIO_API_BASE_URL: optionalUrl,
    SMS_HOURLY_CAP: int(1000, 1, 10_000_000),
    /** The longest one SMS send may take, retries included, before the page says it could not be sent. */
    SMS_SEND_TIMEOUT_MS: int(8_000, 500, 60_000),
    /** console: local runs only (the log and /dev/mail); smtp: nodemailer to SMTP_URL. */
    EMAIL_PROVIDER: z.enum(["console", "smtp"]).default("console"),
    /** smtp://user:pass@host:587 or smtps://…:465; required with EMAIL_PROVIDER=smtp. */
    SMTP_URL: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string()
        .regex(/^smtps?:\/\/\S+$/, "must be an smtp:// or smtps:// URL")
        .optional(),
    ),
    /** The sender of every email, e.g. "Postkey <no-reply@mail.example.com>". */
    EMAIL_FROM: z.string().min(3).max(200).default("Postkey <no-reply@localhost>"),
    /** The longest one email send may take before the page says it could not be sent. */
    EMAIL_SEND_TIMEOUT_MS: int(8_000, 500, 60_000),
    CAPTCHA_TEST_MODE: flag,
    ARGON2_MEMORY_KIB: int(19_456, 8_192, 1_048_576),
    ARGON2_TIME_COST: int(2, 1, 20),
    ARGON2_PARALLELISM: int(1, 1, 16),
    ARGON2_MAX_CONCURRENCY: int(4, 1, 64),
    ARGON2_MAX_QUEUE: int(64, 0, 10_000),
    REDIS_URL: optionalUrl,
    /** pino's level: fatal, error, warn, info (default), debug, trace or silent. */
    LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
    /** json (a log shipper) or pretty (a person); unset: pretty on a local run in a terminal, else json. */
    LOG_FORMAT: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["json", "pretty"]).optional()),
    /** The bearer token a Prometheus scraper sends for /metrics; unset, /metrics answers 404. */
    METRICS_TOKEN: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(16, "must be at least 16 characters").optional()),
    /**
     * Breached-password screening (SECURITY.md "Passwords"): off, hibp (the Pwned Passwords range API by
     * k-anonymity) or file:<path> (a local sorted SHA-1 list). Unset: the shipped list, which works offline.
     */
    BREACHED_PASSWORDS: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string()
        .regex(/^(off|hibp|file:.*)$/s, "must be off, hibp or file:<path of a sorted SHA-1 list> (unset: the shipped list)")
        .optional(),
    ),
    /** The range API's base URL (an egress proxy; the tests' stub). */
    BREACHED_PASSWORDS_API_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url().default("https://api.pwnedpasswords.com")),
    /**
     * How often each app process sweeps for passwords near a custom profile's expiry and sends the reminders
     * (SECURITY.md "Passwords"; one instance at a time). 0: off, e.g. when cron runs `npm run passwords:remind`.
     */
    PASSWORD_REMINDER_INTERVAL_MINUTES: int(60, 0, 1440),
    DEFAULT_PHONE_COUNTRY: z
      .string()
      .regex(/^[A-Z]{2}$/, "must be a two-letter country code")
      .default("US"),
  })
  .superRefine((env, ctx) => {
    const issue = (key: string, message: string) => ctx.addIssue({ code: "custom", path: [key], message });
    const profile = profileOf(env);
    if (!env.SESSION_SECRET)
      issue("SESSION_SECRET", "is required: 32 or more random bytes shared by every instance, e.g. from `openssl rand -base64 48`");
    checkDataKeys(env, profile, issue);
    if (env.CAPTCHA_TEST_MODE && env.APP_ENV !== "test")
      issue("CAPTCHA_TEST_MODE", "is for automated tests only: it needs APP_ENV=test (a deployment must never accept the test word)");
    if (profile === "deployment") {
      if (env.SMS_PROVIDER === "console")
        issue(
          "SMS_PROVIDER",
          `is "console", which only prints codes to the log: a deployment sends real SMS, set SMS_PROVIDER=twilio and TWILIO_* ${LOCAL_HINT}`,
        );
      if (env.EMAIL_PROVIDER === "console")
        issue(
          "EMAIL_PROVIDER",
          `is "console", which only writes emails to the log and /dev/mail: a deployment sends real mail, set EMAIL_PROVIDER=smtp and SMTP_URL ${LOCAL_HINT}`,
        );
      if (!env.APP_URL)
        issue(
          "APP_URL",
          `is required on a deployment: the public https:// address of the app, e.g. https://mail.example.com ${LOCAL_HINT}`,
        );
      else if (!env.APP_URL.startsWith("https://"))
        issue("APP_URL", `must start with https:// on a deployment (sessions and codes never travel in clear) ${LOCAL_HINT}`);
      if (env.POSTKEY_EMBEDDED_DB) issue("DATABASE_URL", "is required on a deployment: the embedded database is for local runs only");
      if (env.SESSION_SECRET && new Set(env.SESSION_SECRET).size < 12)
        issue(
          "SESSION_SECRET",
          "looks like a placeholder (too few different characters): use 32 or more random bytes, e.g. from `openssl rand -base64 48`",
        );
    }
    if (env.EMAIL_PROVIDER === "smtp" && !env.SMTP_URL)
      ctx.addIssue({ code: "custom", path: ["SMTP_URL"], message: "is required when EMAIL_PROVIDER=smtp" });
    if (env.SMS_PROVIDER === "twilio") {
      for (const key of ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM_NUMBER"] as const) {
        if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required when SMS_PROVIDER=twilio" });
      }
    }
    if (env.BREACHED_PASSWORDS?.startsWith("file:")) {
      const problem = hashListProblem(env.BREACHED_PASSWORDS.slice("file:".length));
      if (problem) issue("BREACHED_PASSWORDS", problem);
    }
    if (env.SESSION_SECRET_PREVIOUS) {
      for (const s of env.SESSION_SECRET_PREVIOUS.split(",")) {
        if (s.trim().length < 32) {
          ctx.addIssue({ code: "custom", path: ["SESSION_SECRET_PREVIOUS"], message: "each secret must be at least 32 characters" });
        }
      }
    }
  })
  .transform((env) => {
    const profile = profileOf(env);
    return {
      ...env,
      SESSION_SECRET: env.SESSION_SECRET as string,
      DATA_ENCRYPTION_KEY: env.DATA_ENCRYPTION_KEY as string,
      profile,
      HOST: env.HOST ?? (profile === "local" ? LOCAL_HOST : undefined),
    };
  });

/** A data key's bytes: base64 (or base64url) of 32 or more bytes; null for anything else. */
export function decodeDataKey(value: string): Buffer | null {
  const v = value.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(v)) return null;
  const bytes = Buffer.from(v, "base64");
  return bytes.length >= 32 ? bytes : null;
}

const DATA_KEY_HINT = "32 or more random bytes in base64, e.g. from `openssl rand -base64 32`";

function checkDataKeys(
  env: { DATA_ENCRYPTION_KEY?: string; DATA_ENCRYPTION_KEY_PREVIOUS?: string; SESSION_SECRET?: string },
  profile: RunProfile,
  issue: (key: string, message: string) => void,
): void {
  const key = env.DATA_ENCRYPTION_KEY;
  const bytes = key ? decodeDataKey(key) : null;
  if (!key)
    issue(
      "DATA_ENCRYPTION_KEY",
      `is required: ${DATA_KEY_HINT}, the same on every instance, kept apart from SESSION_SECRET (it seals authenticator keys and recovery codes)`,
    );
  else if (!bytes) issue("DATA_ENCRYPTION_KEY", `must be ${DATA_KEY_HINT}`);
  else if (key.trim() === env.SESSION_SECRET?.trim())
    issue("DATA_ENCRYPTION_KEY", "must differ from SESSION_SECRET: rotating the session secret must never touch stored secrets");
  else if (profile === "deployment" && new Set(bytes).size < 16)
    issue("DATA_ENCRYPTION_KEY", `looks like a placeholder (too few different bytes): use ${DATA_KEY_HINT}`);
  if (env.DATA_ENCRYPTION_KEY_PREVIOUS?.split(",").some((previous) => !decodeDataKey(previous)))
    issue("DATA_ENCRYPTION_KEY_PREVIOUS", `each key must be ${DATA_KEY_HINT} (comma-separated)`);
}

/**
 * Why BREACHED_PASSWORDS=file:<path> cannot be used, or null: the path must name a readable file that starts
 * like the Pwned Passwords downloader's SHA-1 list (`40 uppercase hex:count` lines, sorted). Checked at start,
 * so a typo or an NTLM list stops the process instead of every check falling back.
 */
function hashListProblem(file: string): string | null {
  const hint = "the SHA-1 list the Pwned Passwords downloader writes (HASH:COUNT lines, 40 uppercase hex, sorted)";
  if (!file) return `file: needs a path, e.g. file:/var/lib/pwned/pwnedpasswords.txt: ${hint}`;
  let fd: number | undefined;
  try {
    if (!statSync(file).isFile()) return `file:${file} is not a file: it must be ${hint}`;
    fd = openSync(file, "r");
    const head = Buffer.alloc(64);
    const line = head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString("latin1");
    if (!/^[0-9A-F]{40}:\d+(\r?\n|$)/.test(line)) return `file:${file} does not start with a HASH:COUNT line: it must be ${hint}`;
  } catch (e) {
    return `file:${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? "error"}): it must be ${hint}`;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return null;
}

/** Where a local run listens unless HOST says otherwise. */
const LOCAL_HOST = "127.0.0.1";

/** 127.0.0.0/8, ::1 and localhost: addresses no other machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

function profileOf(env: { APP_ENV?: string; POSTKEY_EMBEDDED_DB: boolean }): RunProfile {
  return runProfile({ APP_ENV: env.APP_ENV, POSTKEY_EMBEDDED_DB: env.POSTKEY_EMBEDDED_DB ? "1" : undefined });
}

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
