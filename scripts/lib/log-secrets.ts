import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { DEMO_ACCOUNTS, DEMO_OPERATORS } from "../../src/server/seed/demo-data";

/**
 * The log-secrets check (SECURITY.md "Logs"): after a full e2e run, every
 * server log it wrote is searched for the secrets that run used: the demo
 * and test passwords, the security answers, the phone numbers, every SMS
 * code the Twilio stub received, and session cookie values. Any hit fails
 * the run. Values are matched whole (not inside a longer word or number).
 */
export interface Secrets {
  passwords: string[];
  answers: string[];
  phones: string[];
  codes: string[];
}

export interface Finding {
  file: string;
  line: number;
  kind: keyof Secrets | "session";
  /** The value, masked: the finding itself must not become a leak in CI output. */
  value: string;
}

const PASSWORD_LITERAL = /["'`]((?=[^"'`\s]*[A-Z])(?=[^"'`\s]*[a-z])(?=[^"'`\s]*\d)(?=[^"'`\s]*[#!@$^&*])[^"'`\s$%{}]{8,64})["'`]/g;
const PHONE_LITERAL = /\+[1-9]\d{7,14}\b/g;

function walk(dir: string, ext: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p, ext) : ext.test(name) ? [p] : [];
  });
}

/** The secrets of a run: demo data, literals of the e2e specs, and what the stub recorded (JSON lines of {to, body}). */
export function collectSecrets(opts: { specDirs: string[]; smsRecords: string[] }): Secrets {
  const passwords = new Set<string>([...DEMO_OPERATORS.map((o) => o.password), ...DEMO_ACCOUNTS.map((a) => a.password)]);
  const answers = new Set<string>(DEMO_ACCOUNTS.flatMap((a) => a.answers ?? []));
  const phones = new Set<string>(DEMO_ACCOUNTS.flatMap((a) => (a.mobile ? [a.mobile] : [])));
  const codes = new Set<string>();
  for (const file of opts.specDirs.flatMap((d) => walk(d, /\.ts$/))) {
    const source = readFileSync(file, "utf8");
    for (const m of source.matchAll(PASSWORD_LITERAL)) passwords.add(m[1]);
    for (const m of source.matchAll(PHONE_LITERAL)) phones.add(m[0]);
  }
  for (const file of opts.smsRecords.filter((f) => existsSync(f))) {
    for (const line of readFileSync(file, "utf8").split("\n").filter(Boolean)) {
      const { to, body } = JSON.parse(line) as { to: string; body: string };
      phones.add(to);
      for (const m of body.matchAll(/(?<!\d)\d{6}(?!\d)/g)) codes.add(m[0]);
    }
  }
  return { passwords: [...passwords], answers: [...answers], phones: [...phones], codes: [...codes] };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const mask = (s: string) => `${s.slice(0, 2)}${"•".repeat(Math.max(0, s.length - 2))}`;

/** One pattern per kind: every value whole (no letter or digit right before or after). */
function patterns(secrets: Secrets): Array<[Finding["kind"], RegExp]> {
  const whole = (values: string[]) => new RegExp(`(?<![A-Za-z0-9])(${values.map(escapeRe).join("|")})(?![A-Za-z0-9])`);
  // The number as stored (E.164) and as a person writes it at home (its national digits).
  const phoneForms = secrets.phones.flatMap((p) => [p, parsePhoneNumberFromString(p)?.nationalNumber ?? p]);
  const list: Array<[Finding["kind"], RegExp]> = [];
  if (secrets.passwords.length) list.push(["passwords", whole(secrets.passwords)]);
  if (secrets.answers.length) list.push(["answers", whole(secrets.answers)]);
  if (phoneForms.length) list.push(["phones", whole(phoneForms)]);
  if (secrets.codes.length) list.push(["codes", whole(secrets.codes)]);
  // iron-session seals, and any Postkey cookie with its value.
  list.push(["session", /Fe26\.2\*|(__Host-)?postkey_(mail|console|recovery|captcha)=[^;\s",]{8,}/]);
  return list;
}

export function findSecrets(text: string, secrets: Secrets, file = "(text)"): Finding[] {
  const found: Finding[] = [];
  const checks = patterns(secrets);
  text.split("\n").forEach((line, i) => {
    for (const [kind, re] of checks) {
      const m = re.exec(line);
      if (m) found.push({ file, line: i + 1, kind, value: mask(m[1] ?? m[0]) });
    }
  });
  return found;
}

export function checkLogDir(dir: string, secrets: Secrets): { files: number; bytes: number; findings: Finding[] } {
  const files = walk(dir, /\.log$/);
  let bytes = 0;
  const findings = files.flatMap((f) => {
    const text = readFileSync(f, "utf8");
    bytes += text.length;
    return findSecrets(text, secrets, path.relative(process.cwd(), f));
  });
  return { files: files.length, bytes, findings };
}
