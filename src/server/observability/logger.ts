import { hostname } from "node:os";
import pino, { type Logger } from "pino";
import pretty from "pino-pretty";
import { LOG_LEVELS, runProfile } from "@/env";

/**
 * The process's one logger (pino): JSON lines for a log shipper, or a
 * readable colored line on a local run in a terminal. The HTTP server
 * (scripts/) and Next's bundles share it through globalThis.
 *
 * What a line may hold: ids, routes, statuses, durations, event names,
 * masked numbers. Never a password, code, answer, cookie or full phone
 * number: no caller logs one, and `redact` is the second line of defense
 * for the names such values travel under. The log-secrets check
 * (scripts/lib/log-secrets.ts) proves it over the logs of a full e2e run.
 */
export type LogLevel = (typeof LOG_LEVELS)[number];

const SECRET_KEYS = [
  "password",
  "currentPassword",
  "newPassword",
  "confirmPassword",
  "code",
  "answer",
  "answers",
  "captcha",
  "cookie",
  "authorization",
  "token",
  "secret",
  "mobile",
  "phone",
  "to",
  "body",
];
/** "code" only at the top level: one level down it is an error's code (ECONNREFUSED), which an operator needs. */
export const REDACT_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.filter((k) => k !== "code").map((k) => `*.${k}`),
  'headers["set-cookie"]',
  '*.headers["set-cookie"]',
];

const g = globalThis as unknown as { postkeyLogger?: Logger };

/** pretty on a local run in a terminal, JSON otherwise; LOG_FORMAT=json|pretty overrides. */
export function usesPrettyLogs(source: Record<string, string | undefined> = process.env, isTty = Boolean(process.stdout.isTTY)): boolean {
  if (source.LOG_FORMAT === "json") return false;
  if (source.LOG_FORMAT === "pretty") return true;
  return isTty && runProfile(source) === "local";
}

function levelFromEnv(): LogLevel {
  const level = process.env.LOG_LEVEL;
  return (LOG_LEVELS as readonly string[]).includes(level ?? "") ? (level as LogLevel) : "info";
}

export function createLogger(opts: { level?: string; pretty?: boolean; destination?: pino.DestinationStream } = {}): Logger {
  const options: pino.LoggerOptions = {
    level: opts.level ?? levelFromEnv(),
    base: { service: "postkey", host: hostname() },
    messageKey: "msg",
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    serializers: { err: pino.stdSerializers.err },
  };
  if (opts.destination) return pino(options, opts.destination);
  if (opts.pretty ?? usesPrettyLogs()) {
    return pino(
      options,
      pretty({
        colorize: true,
        translateTime: "SYS:HH:MM:ss",
        sync: true,
        singleLine: true,
        // A request reads "GET /login 200 12.3 ms"; other lines "[sms] message", their fields after it.
        ignore: "host,service,component,reqId,method,route,status,durationMs,ip",
        messageFormat: (line, key) =>
          line.component === "http" && line.method
            ? `${String(line.method)} ${String(line.route)} ${String(line.status)} ${String(line.durationMs)} ms`
            : `${line.component ? `[${String(line.component)}] ` : ""}${String(line[key])}`,
      }),
    );
  }
  return pino(options);
}

export function logger(): Logger {
  g.postkeyLogger ??= createLogger();
  return g.postkeyLogger;
}

/** One named part of the app (`{ component: "sms" }` on each line). */
export function componentLogger(component: string): Logger {
  return logger().child({ component });
}
