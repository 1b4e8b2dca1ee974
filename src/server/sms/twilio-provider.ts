import "server-only";
import twilio from "twilio";
import type TwilioRequestClient from "twilio/lib/base/RequestClient";
import { maskPhone } from "@/lib/phone";
import type { SmsProvider, SmsProviderResult } from "./provider";
import { componentLogger } from "@/server/observability/logger";

const TWILIO_ORIGIN = "https://api.twilio.com";
const DEFAULT_TIMEOUT_MS = 10_000;
/** The whole send, retries included: a person is waiting on the page for it. */
export const DEFAULT_SEND_BUDGET_MS = 8_000;
/** Two retries: a code that arrives a minute late is useless, so back off briefly and give up. */
const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [200, 600];

/**
 * Twilio error codes a retry cannot fix: the number is wrong, cannot take
 * SMS, is in a blocked region, opted out, or we are being throttled (retrying
 * a 20429 would only make that worse). Any other 4xx is permanent too.
 */
const PERMANENT_TWILIO_ERRORS: Readonly<Record<number, string>> = {
  21211: "invalid number",
  21614: "number cannot receive SMS",
  21408: "region not permitted",
  21610: "recipient unsubscribed",
  21612: "number not reachable by SMS",
  20429: "rate limited",
};

export interface TwilioProviderConfig {
  accountSid: string;
  authToken: string;
  from: string;
  /** Where to send the SDK's requests instead of api.twilio.com (the test stub). */
  baseUrl?: string;
  timeoutMs?: number;
  /** At most this long for the whole send, retries included (SMS_SEND_TIMEOUT_MS); then "timeout". */
  budgetMs?: number;
  retryDelaysMs?: readonly number[];
  /** The send's time (its deadline, back-off and budget timer); tests pass a clock they move themselves. */
  clock?: SendClock;
}

/** Time as one send sees it. A wait given a signal (the budget's timer) is called off when the signal aborts. */
export interface SendClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

const REAL_CLOCK: SendClock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener("abort", () => clearTimeout(timer), { once: true });
    }),
};

/** The SDK's own HTTP client, with its fixed https://api.twilio.com origin swapped for `baseUrl`. */
class BaseUrlRequestClient extends twilio.RequestClient {
  readonly #baseUrl: string;

  constructor(baseUrl: string, opts: TwilioRequestClient.RequestClientOptions) {
    super(opts);
    this.#baseUrl = baseUrl.replace(/\/+$/, "");
  }

  override request<TData>(opts: TwilioRequestClient.RequestOptions<TData>) {
    const url = new URL(opts.uri);
    const uri = url.origin === TWILIO_ORIGIN ? `${this.#baseUrl}${url.pathname}${url.search}` : opts.uri;
    return super.request({ ...opts, uri });
  }
}

type Failure = { ok: false; errorCode: string; retryable: boolean };

/** RestException and TwilioServiceException both carry the HTTP status and Twilio's error code. */
function isTwilioHttpError(e: unknown): e is Error & { status: number; code?: number } {
  return e instanceof Error && typeof (e as { status?: unknown }).status === "number";
}

function classify(e: unknown): Failure {
  if (isTwilioHttpError(e)) {
    const errorCode = e.code != null ? String(e.code) : `http_${e.status}`;
    return { ok: false, errorCode, retryable: e.status >= 500 };
  }
  // No HTTP answer at all: refused/reset connection, DNS, or our request timeout.
  // A timed-out request may still have been accepted; a rare duplicate SMS
  // is the price of not losing a recovery code.
  const code = (e as { code?: unknown } | null)?.code;
  const timedOut = code === "ECONNABORTED" || code === "ETIMEDOUT";
  return { ok: false, errorCode: timedOut ? "timeout" : "network", retryable: true };
}

const TIMED_OUT: Failure = { ok: false, errorCode: "timeout", retryable: false };

export function createTwilioProvider(config: TwilioProviderConfig): SmsProvider {
  const budget = config.budgetMs ?? DEFAULT_SEND_BUDGET_MS;
  const timeout = Math.min(config.timeoutMs ?? DEFAULT_TIMEOUT_MS, budget);
  const delays = config.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const clock = config.clock ?? REAL_CLOCK;
  const httpClient = config.baseUrl ? new BaseUrlRequestClient(config.baseUrl, { timeout }) : new twilio.RequestClient({ timeout });
  const client = twilio(config.accountSid, config.authToken, { httpClient, timeout });

  async function attempt(to: string, body: string): Promise<SmsProviderResult> {
    const message = await client.messages.create({ to, from: config.from, body });
    if (message.status === "failed" || message.status === "undelivered") {
      return { ok: false, errorCode: String(message.errorCode ?? message.status), retryable: false };
    }
    const sent = message.status === "sent" || message.status === "delivered";
    return { ok: true, providerId: message.sid, status: sent ? "SENT" : "QUEUED" };
  }

  /** The attempt, or "timeout" once the send's budget is spent (the SDK's request is left to its own timeout). */
  function within<T>(ms: number, work: Promise<T>): Promise<T | Failure> {
    const done = new AbortController();
    const expired = clock.sleep(ms, done.signal).then(() => TIMED_OUT);
    return Promise.race([work, expired]).finally(() => done.abort());
  }

  return {
    name: "twilio",
    async send(to, body) {
      const deadline = clock.now() + budget;
      for (let tries = 1; ; tries++) {
        let failure: Failure;
        try {
          const result = await within(deadline - clock.now(), attempt(to, body));
          if (result.ok || result !== TIMED_OUT) return result;
          failure = TIMED_OUT;
        } catch (e) {
          failure = classify(e);
        }
        const known = PERMANENT_TWILIO_ERRORS[Number(failure.errorCode)];
        componentLogger("sms").warn(
          { provider: "twilio", recipient: maskPhone(to), try: tries, errorCode: failure.errorCode, meaning: known },
          "twilio send failed",
        );
        const wait = delays[tries - 1];
        if (!failure.retryable || wait === undefined) return failure;
        if (clock.now() + wait >= deadline) return failure.errorCode === "timeout" ? failure : { ...failure, retryable: false };
        await clock.sleep(wait);
      }
    },
  };
}
