import "server-only";
import { Client } from "pg";
import { getEnv } from "@/env";
import { MINUTE, now } from "@/server/clock";
import { offShutdown, onShutdown } from "@/server/lifecycle";
import { componentLogger } from "@/server/observability/logger";
import { sendExpiryReminders, type SendExpiryRemindersResult } from "./expiry-reminders";

/** Names the advisory lock held while one instance sweeps (any other instance's sweep skips its turn). */
export const SWEEP_LOCK_KEY = 7_561_696_174;
/** The first sweep after a start: soon, so that deploys more often than the interval never starve it. */
const FIRST_SWEEP_AFTER_MS = MINUTE;

export type SweepOutcome = { ran: false } | { ran: true; reminded: number; stoppedBy: SendExpiryRemindersResult["stoppedBy"] };

/**
 * One sweep of the expiry reminders (SECURITY.md "Passwords"), by one instance
 * at a time: a session advisory lock on a connection of its own, not a
 * transaction, since a sweep sends messages for seconds or minutes (an open
 * transaction would pin a pooled connection and outlive Prisma's transaction
 * timeout). A crashed holder's lock ends with its connection. Pages until
 * nothing is due, the SMS hourly cap refuses one, or `signal` stops it.
 */
export async function runExpiryReminderSweep(opts: { at?: Date; limit?: number; signal?: AbortSignal } = {}): Promise<SweepOutcome> {
  const client = new Client({ connectionString: getEnv().DATABASE_URL, connectionTimeoutMillis: 5_000 });
  client.on("error", () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS locked", [SWEEP_LOCK_KEY]);
    if (!rows[0]?.locked) return { ran: false };
    try {
      const at = opts.at ?? now();
      let reminded = 0;
      for (;;) {
        const page = await sendExpiryReminders({ at, limit: opts.limit, signal: opts.signal });
        reminded += page.reminded;
        // A full page that claimed nothing would only be read again: stop rather than spin.
        if (!page.more || page.stoppedBy || page.reminded === 0) return { ran: true, reminded, stoppedBy: page.stoppedBy };
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1::bigint)", [SWEEP_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

const g = globalThis as unknown as { postkeyReminderSweep?: { stop(): Promise<void>; idle(): Promise<void> } };

/**
 * The in-process schedule: every PASSWORD_REMINDER_INTERVAL_MINUTES (0: off,
 * for a deployment that runs `npm run passwords:remind` from cron instead),
 * once per process, never overlapping itself; unref'd timers, errors logged,
 * never thrown; stopped with the process (lifecycle.ts).
 */
export function startExpiryReminderSweep(): void {
  const minutes = getEnv().PASSWORD_REMINDER_INTERVAL_MINUTES;
  const log = componentLogger("passwords");
  if (g.postkeyReminderSweep || minutes === 0) return;
  const abort = new AbortController();
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running || abort.signal.aborted) return;
    running = runExpiryReminderSweep({ signal: abort.signal })
      .then((r) => {
        if (r.ran && (r.reminded || r.stoppedBy))
          log.info({ reminded: r.reminded, stoppedBy: r.stoppedBy }, "password expiry reminders sent");
      })
      .catch((e: unknown) => log.error({ err: e }, "password expiry reminder sweep failed"))
      .finally(() => (running = null));
  };
  const first = setTimeout(tick, Math.min(FIRST_SWEEP_AFTER_MS, minutes * MINUTE));
  const every = setInterval(tick, minutes * MINUTE);
  first.unref();
  every.unref();
  const stop = async () => {
    clearTimeout(first);
    clearInterval(every);
    abort.abort();
    g.postkeyReminderSweep = undefined;
    offShutdown("password expiry reminders");
    await running;
  };
  g.postkeyReminderSweep = { stop, idle: async () => void (await running) };
  onShutdown("password expiry reminders", stop);
}

/** Resolves once the in-process sweep under way, if any, has ended (shutdown waits for it too). */
export async function expiryReminderSweepIdle(): Promise<void> {
  await g.postkeyReminderSweep?.idle();
}

/** Stops the in-process schedule (shutdown, tests); waits for a sweep under way to stop at its next account. */
export async function stopExpiryReminderSweep(): Promise<void> {
  await g.postkeyReminderSweep?.stop();
}
