import { createHash, timingSafeEqual } from "node:crypto";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * Prometheus metrics (prom-client), served at /metrics to requests that carry
 * METRICS_TOKEN. One registry per process, on globalThis: the HTTP server
 * (src/runtime/http-server.ts) observes requests, Next's bundles the domain.
 * Labels are bounded sets (routes from the build's manifest, event names,
 * limit names, provider error codes): never an address, id or number.
 */
function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "postkey_" });
  const gauges = new Map<string, () => number>();
  /** A counter in this registry; its labels are a bounded set. */
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Counter<L>({ name, help, labelNames, registers: [registry] });
  const m = {
    registry,
    httpDuration: new Histogram({
      name: "postkey_http_request_duration_seconds",
      help: "HTTP requests by route pattern, method and status",
      labelNames: ["route", "method", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    resets: counter("postkey_password_resets_total", "Password resets by scenario (postmaster, self_service, console) and result", [
      "scenario",
      "result",
    ]),
    forgotPassword: counter(
      "postkey_forgot_password_total",
      "Forgot Password outcomes by step (account, verify, new_password) and outcome",
      ["step", "outcome"],
    ),
    sms: counter("postkey_sms_total", "SMS by result (sent, failed) and provider error code (none when sent)", ["result", "error_code"]),
    logonFailures: counter("postkey_logon_failures_total", "Failed logons by surface (mail, console)", ["surface"]),
    captchaDemands: counter("postkey_logon_captcha_demands_total", "Logons that had to show an image code (5 or more recent failures)", [
      "surface",
    ]),
    locks: counter("postkey_account_locks_total", "Accounts locked after too many failed logons", ["surface"]),
    rateLimitRefusals: counter("postkey_rate_limit_refusals_total", "Requests refused by a rate limit, by limit name", ["limit"]),
    breachFallbacks: counter(
      "postkey_breach_check_fallbacks_total",
      "Breached-password checks judged by the shipped list instead, by reason (timeout, error, bad_response)",
      ["reason"],
    ),
    hashWait: new Histogram({
      name: "postkey_argon2_queue_wait_seconds",
      help: "Time a password hash or verify waited for a free hashing slot",
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    /** Gauges read at scrape time from whoever owns the value (the hashing queue, the pools). */
    setGauge(name: string, read: () => number) {
      gauges.set(name, read);
    },
  };
  new Gauge({
    name: "postkey_argon2_queue",
    help: "Password hashing jobs running and waiting",
    labelNames: ["state"] as const,
    registers: [registry],
    collect() {
      this.set({ state: "running" }, gauges.get("argon2.running")?.() ?? 0);
      this.set({ state: "waiting" }, gauges.get("argon2.waiting")?.() ?? 0);
    },
  });
  new Gauge({
    name: "postkey_db_pool_connections",
    help: "PostgreSQL pool connections by pool (app, limits) and state (total, idle, waiting)",
    labelNames: ["pool", "state"] as const,
    registers: [registry],
    collect() {
      for (const pool of ["app", "limits"]) {
        for (const state of ["total", "idle", "waiting"]) {
          const read = gauges.get(`pool.${pool}.${state}`);
          if (read) this.set({ pool, state }, read());
        }
      }
    },
  });
  return m;
}

export type Metrics = ReturnType<typeof create>;

const g = globalThis as unknown as { postkeyMetrics?: Metrics };

export function metrics(): Metrics {
  g.postkeyMetrics ??= create();
  return g.postkeyMetrics;
}

/** Whether a request may read /metrics: `Authorization: Bearer <METRICS_TOKEN>`, compared in constant time. */
export function metricsAuthorized(authorization: string | undefined, token: string | undefined): boolean {
  if (!token || !authorization?.startsWith("Bearer ")) return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(authorization.slice("Bearer ".length)), digest(token));
}
