import { HOUR, now } from "@/server/clock";

/**
 * The Pwned Passwords range API by k-anonymity (SECURITY.md "Passwords"): GET <base>/range/<5 hex> with
 * `Add-Padding: true`, answered by `SUFFIX:COUNT` lines (35 hex; padding lines count 0). Only the prefix
 * leaves the process. A range is kept as the sorted suffixes that count above 0, 18 bytes each.
 */
export type RangeFailure = "timeout" | "error" | "bad_response";
export type RangeAnswer = { ok: true; range: Buffer } | { ok: false; reason: RangeFailure; status?: number; errorCode?: string };

/** The real API's ranges are ~40 KB; an answer far larger is not one. */
const MAX_BODY_BYTES = 1024 * 1024;
const RANGE_LINE = /^([0-9A-Fa-f]{35}):(\d{1,20})$/;
const USER_AGENT = "Postkey-breached-password-check";

/** 35 hex and a 0 nibble: 18 bytes. */
const suffixBytes = (suffix: string) => Buffer.from(`${suffix}0`, "hex");
const WIDTH = 18;

/**
 * The breached suffixes of an answer's body, sorted; null when a line is not SUFFIX:COUNT, or when there
 * is no line at all (every real range has hundreds, padded ones more: an empty 200 is a proxy's, not an
 * answer, and must not be cached as "nothing breached here").
 */
export function parseRange(body: string): Buffer | null {
  const found: Buffer[] = [];
  let lines = 0;
  for (const raw of body.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line === "") continue;
    const m = RANGE_LINE.exec(line);
    if (!m) return null;
    lines++;
    if (/[1-9]/.test(m[2])) found.push(suffixBytes(m[1])); // count 0: padding, never a match
  }
  return lines === 0 ? null : Buffer.concat(found.sort(Buffer.compare));
}

/** Whether the range lists the suffix (35 hex) with a count above 0. */
export function rangeHas(range: Buffer, suffix: string): boolean {
  const target = suffixBytes(suffix);
  let lo = 0;
  let hi = range.length / WIDTH;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const order = range.compare(target, 0, WIDTH, mid * WIDTH, (mid + 1) * WIDTH);
    if (order === 0) return true;
    if (order < 0) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

/**
 * Ranges by prefix, least recently used evicted first, each kept at most `ttlMs` (the clock of
 * src/server/clock.ts). Bounded by count and by bytes, so memory stays bounded whatever the ranges hold.
 */
export class RangeCache {
  private readonly entries = new Map<string, { range: Buffer; expires: number }>();
  private bytes = 0;

  constructor(
    readonly maxEntries = 2000,
    readonly maxBytes = 48 * 1024 * 1024,
    readonly ttlMs = HOUR,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(prefix: string): Buffer | undefined {
    const entry = this.entries.get(prefix);
    if (!entry) return undefined;
    this.entries.delete(prefix);
    if (entry.expires <= now().getTime()) {
      this.bytes -= entry.range.length;
      return undefined;
    }
    this.entries.set(prefix, entry); // most recently used last
    return entry.range;
  }

  set(prefix: string, range: Buffer): void {
    const old = this.entries.get(prefix);
    if (old) {
      this.entries.delete(prefix);
      this.bytes -= old.range.length;
    }
    this.entries.set(prefix, { range, expires: now().getTime() + this.ttlMs });
    this.bytes += range.length;
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(key);
      this.bytes -= entry.range.length;
    }
  }
}

/** The body, or null past MAX_BODY_BYTES (read under the request's own timeout). */
async function readCapped(res: Response): Promise<string | null> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    total += part.value.length;
    if (total > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(part.value);
  }
  return Buffer.concat(chunks).toString("latin1");
}

function failure(e: unknown): RangeAnswer {
  const err = e as { name?: string; cause?: { code?: string } };
  if (err?.name === "TimeoutError") return { ok: false, reason: "timeout" };
  return { ok: false, reason: "error", errorCode: err?.cause?.code ?? err?.name ?? "unknown" };
}

/**
 * One range from `<baseUrl>/range/<prefix>`. Never throws: a timeout, a network error or a status other than
 * 200 is a failure, and so is a body that is not SUFFIX:COUNT lines ("bad_response").
 */
export async function fetchRange(baseUrl: string, prefix: string, timeoutMs: number): Promise<RangeAnswer> {
  try {
    const res = await fetch(`${baseUrl.replace(/\/+$/, "")}/range/${prefix}`, {
      headers: { "Add-Padding": "true", "User-Agent": USER_AGENT },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "error",
    });
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => undefined);
      return { ok: false, reason: "error", status: res.status };
    }
    const body = await readCapped(res);
    const range = body === null ? null : parseRange(body);
    return range ? { ok: true, range } : { ok: false, reason: "bad_response", status: res.status };
  } catch (e) {
    return failure(e);
  }
}
