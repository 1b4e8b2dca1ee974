/**
 * The demo logons by name, for the tests, the e2e specs and the benchmarks: `DEMO.alice.email`,
 * `DEMO.alice.password`, `DEMO.alice.mobile`, … read from src/server/seed/demo-data.ts, which seeds them
 * (README "Demo logons"). A test that means "the demo account" names it here instead of repeating its
 * address, password or phone; a literal stays where the text itself is the subject (parsing, redaction).
 */
import { DEMO_ACCOUNTS, DEMO_OPERATORS } from "@/server/seed/demo-data";

function mailbox(localPart: string, domain: string) {
  const account = DEMO_ACCOUNTS.find((a) => a.localPart === localPart && a.domain === domain);
  if (!account) throw new Error(`No demo account ${localPart}@${domain} in src/server/seed/demo-data.ts`);
  return { ...account, email: `${localPart}@${domain}` };
}

function operator(email: string) {
  const found = DEMO_OPERATORS.find((o) => o.email === email);
  if (!found) throw new Error(`No demo operator ${email} in src/server/seed/demo-data.ts`);
  return found;
}

/** The same account, its optional fields `keys` checked present (and typed so). */
function having<T extends object, K extends keyof T>(account: T, ...keys: K[]): T & { [P in K]-?: NonNullable<T[P]> } {
  for (const k of keys) if (account[k] === undefined) throw new Error(`The demo account has no ${String(k)}`);
  return account as T & { [P in K]-?: NonNullable<T[P]> };
}

export const DEMO = {
  /** postmaster@example.com: logs on in two steps, its SMS code to `mobile`. */
  postmaster: having(mailbox("postmaster", "example.com"), "mobile"),
  alice: having(mailbox("alice", "example.com"), "mobile", "answers", "department"),
  bob: mailbox("bob", "example.com"),
  carol: having(mailbox("carol", "example.com"), "answers"),
  dan: having(mailbox("dan", "example.com"), "mobile"),
  /** postmaster@example.org */
  orgPostmaster: having(mailbox("postmaster", "example.org"), "mobile"),
  erin: having(mailbox("erin", "example.org"), "mobile"),
  /** The operators of the cloud console (example.com's owner, and example.org's). */
  ops: operator("ops@cloud.example.net"),
  ops2: operator("ops2@cloud.example.net"),
};
