import { componentLogger } from "@/server/observability/logger";
import { metrics } from "@/server/observability/metrics";
import type { BreachVerdict } from "../index";
import { passwordSha1 } from "./password-sha1";
import { fetchRange, RangeCache, rangeHas, type RangeFailure } from "./range-api";
import { shippedListPath } from "./shipped-list";
import { hashListCount } from "./sorted-hash-file";

/** SECURITY.md "Passwords": the range API gets 1 s, then the shipped list judges. */
export const RANGE_TIMEOUT_MS = 1000;

export interface BreachScreenOptions {
  /** BREACHED_PASSWORDS as src/env.ts validated it: off, hibp, file:<path>, or undefined for the shipped list. */
  setting: string | undefined;
  /** BREACHED_PASSWORDS_API_URL. */
  apiUrl: string;
  /** Tests only: a shorter wait than RANGE_TIMEOUT_MS, so that no test waits a second. */
  timeoutMs?: number;
  /** Tests only: another shipped list. */
  shippedList?: string;
  cache?: RangeCache;
}

export type BreachScreen = (password: string) => Promise<BreachVerdict>;

/**
 * The check behind screenPassword, for one configuration. Never throws: whatever goes wrong with the API or
 * the local list, the shipped list judges (and if that too cannot be read, the password passes, logged as an
 * error): a breached-password check must never block a reset.
 */
export function createBreachScreen(opts: BreachScreenOptions): BreachScreen {
  const log = componentLogger("breached-passwords");
  const timeoutMs = opts.timeoutMs ?? RANGE_TIMEOUT_MS;
  const cache = opts.cache ?? new RangeCache();
  const shipped = opts.shippedList ?? shippedListPath();
  const setting = opts.setting;

  // What is logged: the mode, the reason, an HTTP status or an error code. Never the password, its hash or prefix.
  async function fallBack(hash: string, reason: RangeFailure, detail: { status?: number; errorCode?: string }): Promise<BreachVerdict> {
    metrics().breachFallbacks.inc({ reason });
    log.warn({ mode: setting, reason, ...detail }, "breached-password check unavailable: judged by the shipped list");
    return { breached: (await hashListCount(shipped, hash)) > 0, source: "shipped", fallback: reason };
  }

  async function screen(hash: string): Promise<BreachVerdict> {
    if (setting === "off") return { breached: false, source: "off" };
    if (setting === "hibp") {
      const prefix = hash.slice(0, 5);
      let range = cache.get(prefix);
      if (!range) {
        const answer = await fetchRange(opts.apiUrl, prefix, timeoutMs);
        if (!answer.ok) return fallBack(hash, answer.reason, { status: answer.status, errorCode: answer.errorCode });
        range = answer.range;
        cache.set(prefix, range);
      }
      return { breached: rangeHas(range, hash.slice(5)), source: "hibp" };
    }
    if (setting?.startsWith("file:")) {
      try {
        return { breached: (await hashListCount(setting.slice("file:".length), hash)) > 0, source: "file" };
      } catch (e) {
        return fallBack(hash, "error", { errorCode: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
      }
    }
    return { breached: (await hashListCount(shipped, hash)) > 0, source: "shipped" };
  }

  return async (password) => {
    try {
      return await screen(passwordSha1(password));
    } catch (e) {
      // The shipped list itself could not be read: nothing left to judge by.
      metrics().breachFallbacks.inc({ reason: "error" });
      log.error(
        { mode: setting, errorCode: (e as NodeJS.ErrnoException).code ?? (e as Error).message },
        "breached-password check failed: not checked",
      );
      return { breached: false, source: "shipped", fallback: "error" };
    }
  };
}
