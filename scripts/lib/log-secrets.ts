import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { DEMO_ACCOUNTS, DEMO_OPERATORS } from "../../src/server/seed/demo-data";

/**
 * The log-secrets check (SECURITY.md "Logs"): after an e2e run, every server
 * log it wrote is searched for the secrets that run used: the demo data, the
 * password and phone literals of the specs, what the specs registered
 * (e2e/support/secrets.ts: the passwords, answers, codes and phone numbers
 * they typed, generated or read), every SMS the Twilio stub received and
 * every mail a test SMTP server took, and session cookie values. Any hit
 * fails the run. Values are matched whole (not inside a longer word or
 * number); a phone number in any common format (spaces, dashes, dots,
 * parentheses; national or international).
 */
export interface Secrets {
  passwords: string[];
  answers: string[];
  phones: string[];
  codes: string[];
}
export type SecretKind = keyof Secrets;

export interface Finding {
  file: string;
  line: number;
  kind: SecretKind | "session";
  /** The value, masked: the finding itself must not become a leak in CI output. */
  value: string;
}

const PASSWORD_LITERAL = /["'`]((?=[^"'`\s]*[A-Z])(?=[^"'`\s]*[a-z])(?=[^"'`\s]*\d)(?=[^"'`\s]*[#!@$^&*])[^"'`\s$%{}]{8,64})["'`]/g;
const PHONE_LITERAL = /\+[1-9]\d{7,14}\b/g;
const CODE = /(?<!\d)\d{6}(?!\d)/g;

/**
 * Values too plain to search whole without matching ordinary log words: a typed "short",
 * "different" or "wrong password" (a try the policy refuses: no space, not letters only) is not
 * a secret; a 2-letter answer cannot be told apart.
 */
const WORTH_SEARCHING: Record<SecretKind, (v: string) => boolean> = {
  passwords: (v) => v.length >= 6 && !/\s/.test(v) && /[^A-Za-z]/.test(v),
  answers: (v) => v.length >= 3,
  codes: (v) => v.length >= 6,
  phones: (v) => v.replace(/\D/g, "").length >= 7,
};

function walk(dir: string, ext: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p, ext) : ext.test(name) ? [p] : [];
  });
}

function jsonLines<T>(files: string[]): T[] {
  return files
    .filter((f) => existsSync(f))
    .flatMap((f) =>
      readFileSync(f, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as T),
    );
}

export interface SecretSources {
  /** Spec sources: their password and E.164 literals. */
  specDirs: string[];
  /** The Twilio stub's records: JSON lines {to, body}. */
  smsRecords: string[];
  /** Test SMTP servers' records: JSON lines {to, subject, text}. */
  mailRecords?: string[];
  /** What the specs registered: JSON lines {kind, value}. */
  registered?: string[];
}

/** The secrets of a run. */
export function collectSecrets(opts: SecretSources): Secrets {
  const found: Record<SecretKind, Set<string>> = {
    passwords: new Set([...DEMO_OPERATORS.map((o) => o.password), ...DEMO_ACCOUNTS.map((a) => a.password)]),
    answers: new Set(DEMO_ACCOUNTS.flatMap((a) => a.answers ?? [])),
    phones: new Set(DEMO_ACCOUNTS.flatMap((a) => (a.mobile ? [a.mobile] : []))),
    codes: new Set(),
  };
  for (const file of opts.specDirs.flatMap((d) => walk(d, /\.ts$/))) {
    const source = readFileSync(file, "utf8");
    for (const m of source.matchAll(PASSWORD_LITERAL)) found.passwords.add(m[1]);
    for (const m of source.matchAll(PHONE_LITERAL)) found.phones.add(m[0]);
  }
  for (const { to, body } of jsonLines<{ to: string; body: string }>(opts.smsRecords)) {
    found.phones.add(to);
    for (const m of body.matchAll(CODE)) found.codes.add(m[0]);
  }
  for (const { subject, text } of jsonLines<{ subject: string; text: string }>(opts.mailRecords ?? [])) {
    for (const m of `${subject}\n${text}`.matchAll(CODE)) found.codes.add(m[0]);
  }
  for (const { kind, value } of jsonLines<{ kind: SecretKind; value: string }>(opts.registered ?? [])) {
    if (kind in found) found[kind].add(value);
  }
  const list = (kind: SecretKind) => [...found[kind]].filter(WORTH_SEARCHING[kind]);
  return { passwords: list("passwords"), answers: list("answers"), phones: list("phones"), codes: list("codes") };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const mask = (s: string) => `${s.slice(0, 2)}${"•".repeat(Math.max(0, s.length - 2))}`;

/** The digit strings a phone number is written with: international (country code and number) and national. */
function phoneDigits(phone: string): string[] {
  const parsed = parsePhoneNumberFromString(phone.startsWith("+") ? phone : `+${phone.replace(/\D/g, "")}`);
  const all = phone.replace(/\D/g, "");
  return parsed ? [`${parsed.countryCallingCode}${parsed.nationalNumber}`, parsed.nationalNumber] : [all];
}

/**
 * A phone number in a line, however it is written: runs of digits joined by up to three of space, dash,
 * dot and parentheses ("+1 (415) 555-0101", "415.555.0101"); any consecutive groups of a run whose
 * digits are a number's (international or national) are that number, whole groups only.
 */
function findPhone(line: string, digits: Set<string>): string | undefined {
  for (const run of line.matchAll(/\d+(?:[\s().-]{1,3}\d+)*/g)) {
    const groups = run[0].split(/[\s().-]+/);
    for (let i = 0; i < groups.length; i++) {
      let joined = "";
      for (let j = i; j < groups.length && joined.length < 16; j++) {
        joined += groups[j];
        if (digits.has(joined)) return joined;
      }
    }
  }
  return undefined;
}

type Check = [Finding["kind"], (line: string) => string | undefined];

/** One check per kind: every value whole (no letter or digit right before or after). */
function checks(secrets: Secrets): Check[] {
  const whole = (values: string[]): Check[1] => {
    const re = new RegExp(`(?<![A-Za-z0-9])(${values.map(escapeRe).join("|")})(?![A-Za-z0-9])`);
    return (line) => re.exec(line)?.[1];
  };
  const list: Check[] = [];
  if (secrets.passwords.length) list.push(["passwords", whole(secrets.passwords)]);
  if (secrets.answers.length) list.push(["answers", whole(secrets.answers)]);
  const digits = new Set(secrets.phones.flatMap(phoneDigits).filter((d) => d.length >= 7));
  if (digits.size) list.push(["phones", (line) => findPhone(line, digits)]);
  if (secrets.codes.length) list.push(["codes", whole(secrets.codes)]);
  // iron-session seals, and any Postkey cookie with its value.
  const session = /Fe26\.2\*|(__Host-)?postkey_(mail|console|recovery|captcha)=[^;\s",]{8,}/;
  list.push(["session", (line) => session.exec(line)?.[0]]);
  return list;
}

export function findSecrets(text: string, secrets: Secrets, file = "(text)"): Finding[] {
  const found: Finding[] = [];
  const list = checks(secrets);
  text.split("\n").forEach((line, i) => {
    for (const [kind, check] of list) {
      const hit = check(line);
      if (hit) found.push({ file, line: i + 1, kind, value: mask(hit) });
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

/** The directories of a run (relative to `root`): e2e/support/e2e-env.ts names them. */
export interface RunDirs {
  root: string;
  specDir: string;
  logDir: string;
  smsRecordDir: string;
  mailRecordDir: string;
  secretsDir: string;
}

/**
 * The check as the e2e runner runs it: collects the run's secrets, searches its logs, prints the outcome
 * (findings masked) and returns the exit status, 1 when any secret was found.
 */
export function runLogSecretsCheck(dirs: RunDirs, print: (line: string) => void = console.log): { code: number; findings: Finding[] } {
  const files = (dir: string) => walk(path.join(dirs.root, dir), /\.jsonl$/);
  const secrets = collectSecrets({
    specDirs: [path.join(dirs.root, dirs.specDir)],
    smsRecords: files(dirs.smsRecordDir),
    mailRecords: files(dirs.mailRecordDir),
    registered: files(dirs.secretsDir),
  });
  const { files: logs, bytes, findings } = checkLogDir(path.join(dirs.root, dirs.logDir), secrets);
  const counts = Object.entries(secrets)
    .map(([k, v]) => `${v.length} ${k}`)
    .join(", ");
  if (findings.length) {
    print(`log-secrets: FAILED — ${findings.length} secret(s) in the logs:`);
    for (const f of findings.slice(0, 50)) print(`  ${f.file}:${f.line}  ${f.kind}  ${f.value}`);
  } else if (logs === 0) {
    print(`log-secrets: FAILED — no log file in ${dirs.logDir}: nothing was searched.`);
    return { code: 1, findings };
  } else {
    print(`log-secrets: passed — ${logs} log files (${(bytes / 1e6).toFixed(1)} MB) hold none of ${counts}.`);
  }
  return { code: findings.length ? 1 : 0, findings };
}
