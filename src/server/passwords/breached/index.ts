// The breached-password check's entry point (SECURITY.md "Passwords"). No "server-only" import because the
// seed script, the CLI and the bench (plain tsx) use it too, as src/lib/password-policy/server.ts.
import { getEnv } from "@/env";
import { createBreachScreen, type BreachScreen } from "./internal/breach-screen";

export type BreachVerdict = {
  breached: boolean;
  /** What judged: the range API, a local list (file:), the shipped list, or nothing (off). */
  source: "hibp" | "file" | "shipped" | "off";
  /** Why the shipped list judged instead of the configured source. */
  fallback?: "timeout" | "error" | "bad_response";
};

// One check (and its range cache) per process and configuration, on globalThis: Next's bundles share it.
const g = globalThis as unknown as { postkeyBreachScreen?: { key: string; screen: BreachScreen } };

/**
 * Whether the password is known breached, by BREACHED_PASSWORDS (src/env.ts): the Pwned Passwords range API
 * by k-anonymity (only 5 hex of the SHA-1 of the NFKC-normalized password are sent), a local sorted SHA-1
 * list, or the shipped list (the default). Never throws and never waits more than about a second: on any
 * trouble the shipped list judges and `fallback` says why.
 */
export async function screenPassword(password: string): Promise<BreachVerdict> {
  const env = getEnv();
  const key = `${env.BREACHED_PASSWORDS ?? ""}\n${env.BREACHED_PASSWORDS_API_URL}`;
  if (g.postkeyBreachScreen?.key !== key) {
    g.postkeyBreachScreen = {
      key,
      screen: createBreachScreen({ setting: env.BREACHED_PASSWORDS, apiUrl: env.BREACHED_PASSWORDS_API_URL }),
    };
  }
  return g.postkeyBreachScreen.screen(password);
}

/** What screens new passwords now (BREACHED_PASSWORDS): the range API, a local list, the shipped list, or nothing. */
export function breachScreeningMode(): BreachVerdict["source"] {
  const setting = getEnv().BREACHED_PASSWORDS;
  if (setting === "off" || setting === "hibp") return setting;
  return setting?.startsWith("file:") ? "file" : "shipped";
}

/** Whether the verdict is a screening of the password: not when screening is off, nor the fallback's (the API down: ask again next time). */
export function screeningJudged(verdict: BreachVerdict): boolean {
  return verdict.source !== "off" && !verdict.fallback;
}
