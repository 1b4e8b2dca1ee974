import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formFields, secretsOfForm } from "../../e2e/support/secrets";
import { checkLogDir, collectSecrets, findSecrets, runLogSecretsCheck, type Secrets } from "../../scripts/lib/log-secrets";

/** The check that fails an e2e run whose logs hold a secret (scripts/lib/log-secrets.ts). */
const secrets: Secrets = {
  passwords: ["Blue#Harbor2026"],
  answers: ["Hangzhou"],
  phones: ["+14155550101"],
  codes: ["482913", "k7m2p-x9qtr", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"],
};

const jsonl = (rows: unknown[]) => rows.map((r) => `${JSON.stringify(r)}\n`).join("");

describe("findSecrets", () => {
  it.each([
    ["a password", '{"msg":"logon","password":"Blue#Harbor2026"}', "passwords"],
    ["an answer", "answers were Hangzhou and more", "answers"],
    ["an SMS or mailed code", "Your code is 482913.", "codes"],
    ["a recovery code", '{"input":"k7m2p-x9qtr"}', "codes"],
    ["an authenticator key", "secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "codes"],
    ["a sealed session", "cookie=Fe26.2**0cf2", "session"],
    ["a cookie with its value", "Cookie: __Host-postkey_recovery=abcdefghijkl.mnop", "session"],
  ])("finds %s, and shows it masked", (_, line, kind) => {
    const [finding] = findSecrets(`ok line\n${line}`, secrets, "x.log");
    expect(finding).toMatchObject({ file: "x.log", line: 2, kind });
    expect(finding.value).toContain("•");
  });

  it.each([
    '{"to":"+14155550101"}',
    "sent to +1 415 555 0101",
    "sent to +1 (415) 555-0101",
    "sent to +1-415-555-0101",
    "sent to +1.415.555.0101",
    "sent to 1 415 555 0101",
    "sent to (415) 555-0101",
    "sent to (415)555-0101",
    "sent to 415-555-0101",
    "sent to 415.555.0101",
    "sent to 415 555 0101",
    "sent to 4155550101",
    '{"phone":"415 5550101","country":"US"}',
  ])("finds the phone number written as %s", (line) => {
    expect(findSecrets(line, secrets).map((f) => f.kind)).toEqual(["phones"]);
  });

  it("finds a number of another country in its own formats", () => {
    const cn: Secrets = { passwords: [], answers: [], codes: [], phones: ["+8613812345678"] };
    for (const line of ["+86 138 1234 5678", "138-1234-5678", "13812345678", "+86 (138) 1234-5678"])
      expect(
        findSecrets(line, cn).map((f) => f.kind),
        line,
      ).toEqual(["phones"]);
  });

  it("passes ordinary log lines and what only looks alike: masked numbers, longer numbers, ids and times", () => {
    const clean = [
      '{"recipient":"+1 ••• ••• 0101","msg":"twilio send failed"}',
      '{"level":"info","time":"2026-11-27T11:48:29.123Z","durationMs":12.5,"reqId":"a482913b-77","route":"/login","status":200}',
      '{"time":1733475449123,"pid":41555,"port":4155,"msg":"Postkey is listening on port 4155 (127.0.0.1)."}',
      '{"component":"audit","event":"logon.failure","targetId":"8b524383-f949-4bca-a0a8-51d7d7f1a95f","ip":"127.0.0.1"}',
      "order 14829130 shipped",
      "call 1 415 555 01019 is another number, and so is 24155550101",
      "Blue#Harbor20267 is another string, HangzhouBay a longer word",
      "postkey_mail=; Max-Age=0",
    ].join("\n");
    expect(findSecrets(clean, secrets)).toEqual([]);
  });
});

describe("collectSecrets", () => {
  it("learns the demo data, the specs' literals, the stub's SMS, the SMTP server's mail and what the specs registered", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "postkey-logs-"));
    mkdirSync(path.join(dir, "e2e"));
    writeFileSync(path.join(dir, "e2e", "a.spec.ts"), 'const NEW = "Quiet#Orchard2026"; const m = "+8613812345678";');
    writeFileSync(path.join(dir, "sms.jsonl"), jsonl([{ to: "+14155550199", body: "Your Postkey verification code is 907311." }]));
    writeFileSync(path.join(dir, "mail.jsonl"), jsonl([{ to: "x@gmail.example", subject: "Your code", text: "Your code is 551204.\n" }]));
    writeFileSync(
      path.join(dir, "registered.jsonl"),
      jsonl([
        { kind: "passwords", value: "Tall#Forest2026x7" },
        { kind: "passwords", value: "short" }, // refused tries: too plain to search
        { kind: "passwords", value: "wrong password" },
        { kind: "answers", value: "Biscuit" },
        { kind: "codes", value: "k7m2p-x9qtr" },
        { kind: "phones", value: "+16282123456" },
      ]),
    );
    const found = collectSecrets({
      specDirs: [path.join(dir, "e2e")],
      smsRecords: [path.join(dir, "sms.jsonl")],
      mailRecords: [path.join(dir, "mail.jsonl")],
      registered: [path.join(dir, "registered.jsonl")],
    });
    expect(found.passwords).toEqual(
      expect.arrayContaining(["Quiet#Orchard2026", "Blue#Harbor2026", "Cloud#Console2026", "Tall#Forest2026x7"]),
    );
    expect(found.passwords).not.toContain("short");
    expect(found.passwords).not.toContain("wrong password");
    expect(found.answers).toEqual(expect.arrayContaining(["Rex", "Mittens", "Biscuit"]));
    expect(found.phones).toEqual(expect.arrayContaining(["+8613812345678", "+14155550199", "+14155550105", "+16282123456"]));
    expect(found.codes.sort()).toEqual(["551204", "907311", "k7m2p-x9qtr"]);
  });
});

describe("what a browser's forms register (e2e/support/secrets.ts)", () => {
  it("reads a server action's multipart body and a plain form's, and keeps the secret fields only", () => {
    const b = "----WebKitFormBoundaryX";
    const part = (n: string, v: string) => `--${b}\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n${v}\r\n`;
    const body = Buffer.from(
      [
        part("_1_email", "a@example.com"),
        part("_1_currentPassword", "Old#Pass2026"),
        part("_1_password", "New#Pass2026"),
        part("_1_answer2", "Biscuit"),
        part("_1_code", "482913"),
        part("_1_country", "US"),
        part("_1_phone", "(415) 555-0123"),
        part("_1_captcha", "PASSED"),
        part("0", '[{"status":"idle"},"$K1"]'),
      ].join("") + `--${b}--\r\n`,
    );
    expect(secretsOfForm(formFields(`multipart/form-data; boundary=${b}`, body))).toEqual([
      ["passwords", "Old#Pass2026"],
      ["passwords", "New#Pass2026"],
      ["answers", "Biscuit"],
      ["codes", "482913"],
      ["phones", "+14155550123"],
    ]);
    const plain = Buffer.from("email=a%40example.com&recovery=k7m2p-x9qtr");
    expect(secretsOfForm(formFields("application/x-www-form-urlencoded", plain))).toEqual([["codes", "k7m2p-x9qtr"]]);
  });
});

describe("the check as the e2e runner runs it", () => {
  function run(logLines: string[]) {
    const root = mkdtempSync(path.join(tmpdir(), "postkey-run-"));
    const dirs = { root, specDir: "e2e", logDir: "logs", smsRecordDir: "sms", mailRecordDir: "mail", secretsDir: "secrets" };
    for (const d of ["e2e", "logs", "sms", "mail", "secrets"]) mkdirSync(path.join(root, d));
    writeFileSync(
      path.join(root, "secrets", "run-1.jsonl"),
      jsonl([
        { kind: "answers", value: "Biscuit" },
        { kind: "phones", value: "+16282123456" },
      ]),
    );
    writeFileSync(path.join(root, "sms", "run.jsonl"), jsonl([{ to: "+16282123456", body: "Your code is 907311." }]));
    if (logLines.length) writeFileSync(path.join(root, "logs", "shard-1.log"), `${logLines.join("\n")}\n`);
    const printed: string[] = [];
    return { ...runLogSecretsCheck(dirs, (l) => printed.push(l)), printed: printed.join("\n") };
  }

  it("passes clean logs", () => {
    const r = run(['{"level":"info","msg":"request","route":"/forgot-password","status":200}']);
    expect(r.code).toBe(0);
    expect(r.printed).toMatch(/^log-secrets: passed/);
  });

  it.each([
    ["a typed answer", '{"msg":"answers checked","answer":"Biscuit"}', "answers"],
    ["a formatted phone number", '{"msg":"sms sent","to":"(628) 212-3456"}', "phones"],
    ["an SMS code", '{"msg":"debug","code":"907311"}', "codes"],
  ])("fails on %s in a log, and prints it masked", (_, line, kind) => {
    const r = run(['{"level":"info","msg":"request"}', line]);
    expect(r.code).toBe(1);
    expect(r.findings).toEqual([expect.objectContaining({ line: 2, kind })]);
    expect(r.printed).toMatch(/^log-secrets: FAILED — 1 secret\(s\) in the logs:/);
    expect(r.printed).not.toMatch(/Biscuit|212-3456|907311/);
  });

  it("fails when there is no log to search (a check of nothing is no pass)", () => {
    expect(run([]).code).toBe(1);
  });

  it("reads every log file of the directory", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "postkey-logs-"));
    writeFileSync(path.join(dir, "clean.log"), '{"msg":"request","status":200}\n');
    writeFileSync(path.join(dir, "leak.log"), "ok\nsent 907311 to 13812345678\n");
    const { files, findings } = checkLogDir(dir, { passwords: [], answers: [], phones: ["+8613812345678"], codes: ["907311"] });
    expect(files).toBe(2);
    expect(findings.map((f) => [f.line, f.kind])).toEqual([
      [2, "phones"],
      [2, "codes"],
    ]);
  });
});
