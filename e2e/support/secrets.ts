import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Request } from "@playwright/test";
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import type { SecretKind } from "../../scripts/lib/log-secrets";
import { E2E_MAIL_RECORD_DIR, E2E_SECRETS_DIR } from "./e2e-env";

/**
 * The secrets a run uses, for the log-secrets check (scripts/lib/log-secrets.ts) that searches the
 * servers' logs for them after the run: every value is appended as a JSON line {kind, value} to this
 * process's file under test-results/secrets/. The common helpers register what they make or read
 * (createEmployee, uniqueMobile, latestCode…), and every form a browser of the run sends registers
 * its secret fields (passwords, answers, codes, phone numbers), so what a spec types is never missed.
 */
const root = path.resolve(import.meta.dirname, "../..");
const file = path.join(root, E2E_SECRETS_DIR, `${process.env.E2E_RUN_ID ?? "run"}-${process.pid}.jsonl`);
const seen = new Set<string>();

export function registerSecret(kind: SecretKind, value: string | null | undefined): void {
  const v = value?.trim();
  if (!v || seen.has(`${kind}\n${v}`)) return;
  seen.add(`${kind}\n${v}`);
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify({ kind, value: v })}\n`);
}

/** Where a test SMTP server of the run records what it took (the check reads the codes in it). */
export function mailRecordFile(name: string): string {
  mkdirSync(path.join(root, E2E_MAIL_RECORD_DIR), { recursive: true });
  return path.join(root, E2E_MAIL_RECORD_DIR, `${process.env.E2E_RUN_ID ?? "run"}-${name}.jsonl`);
}

/** The fields of a form body (multipart, as a server action or a plain form sends it, or URL-encoded). */
export function formFields(contentType: string, body: Buffer): Array<[string, string]> {
  if (contentType.startsWith("application/x-www-form-urlencoded")) return [...new URLSearchParams(body.toString("utf8"))];
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!contentType.startsWith("multipart/form-data") || !boundary) return [];
  return body
    .toString("utf8")
    .split(`--${boundary[1] ?? boundary[2]}`)
    .flatMap((part) => {
      const m = /^\r\nContent-Disposition: form-data; name="([^"]*)"[^\r]*\r\n(?:[^\r]+\r\n)*\r\n([\s\S]*)\r\n$/i.exec(part);
      return m ? [[m[1], m[2]] as [string, string]] : [];
    });
}

/** Field names (Next prefixes a server action's fields with "_1_") and the kind of secret they carry. */
const SECRET_FIELDS: Array<[RegExp, SecretKind]> = [
  [/password$/i, "passwords"],
  [/^answer\d$/, "answers"],
  [/^(code|recovery)$/, "codes"],
  [/^phone$/, "phones"],
];

/** The secrets in a form's fields: a phone number in E.164 (with the form's country), the others as typed. */
export function secretsOfForm(fields: Array<[string, string]>): Array<[SecretKind, string]> {
  const named = fields.map(([n, v]) => [n.replace(/^_?\d+_/, ""), v] as [string, string]);
  const country = named.find(([n]) => n === "country")?.[1] as CountryCode | undefined;
  return named.flatMap(([name, value]) => {
    const kind = SECRET_FIELDS.find(([re]) => re.test(name))?.[1];
    if (!kind || !value.trim()) return [];
    if (kind === "phones") return [[kind, parsePhoneNumberFromString(value, country ?? "US")?.number ?? value] as [SecretKind, string]];
    return [[kind, value] as [SecretKind, string]];
  });
}

function registerRequest(request: Request): void {
  if (request.method() !== "POST") return;
  const body = request.postDataBuffer();
  if (!body) return;
  for (const [kind, value] of secretsOfForm(formFields(request.headers()["content-type"] ?? "", body))) registerSecret(kind, value);
}

/** Registers the secret fields of every form the context's pages send. */
export function watchForms(context: BrowserContext): void {
  context.on("request", registerRequest);
}
