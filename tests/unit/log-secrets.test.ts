import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkLogDir, collectSecrets, findSecrets, type Secrets } from "../../scripts/lib/log-secrets";

/** The check that fails an e2e run whose logs hold a secret (scripts/lib/log-secrets.ts). */
const secrets: Secrets = {
  passwords: ["Blue#Harbor2026"],
  answers: ["Hangzhou"],
  phones: ["+14155550101"],
  codes: ["482913"],
};

describe("findSecrets", () => {
  it.each([
    ["a password", '{"msg":"logon","password":"Blue#Harbor2026"}', "passwords"],
    ["an answer", "answers were Hangzhou and more", "answers"],
    ["a full number", '{"to":"+14155550101"}', "phones"],
    ["a number's national digits", "sent to 4155550101", "phones"],
    ["a code", "Your code is 482913.", "codes"],
    ["a sealed session", "cookie=Fe26.2**0cf2", "session"],
    ["a cookie with its value", "Cookie: __Host-postkey_recovery=abcdefghijkl.mnop", "session"],
  ])("finds %s, and shows it masked", (_, line, kind) => {
    const [finding] = findSecrets(`ok line\n${line}`, secrets, "x.log");
    expect(finding).toMatchObject({ file: "x.log", line: 2, kind });
    expect(finding.value).toContain("•");
  });

  it("passes what only looks alike: masked numbers, longer numbers, ids and times", () => {
    const clean = [
      '{"recipient":"+1 ••• ••• 0101","msg":"twilio send failed"}',
      '{"time":"2026-11-27T11:48:29.123Z","durationMs":12.5,"reqId":"a482913b-77"}',
      "order 14829130 shipped",
      "Blue#Harbor20267 is another string",
      "postkey_mail=; Max-Age=0",
    ].join("\n");
    expect(findSecrets(clean, secrets)).toEqual([]);
  });
});

describe("collectSecrets and checkLogDir", () => {
  it("learns the demo data, the specs' password and number literals and the codes the stub sent; reads every log", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "postkey-logs-"));
    mkdirSync(path.join(dir, "e2e"));
    writeFileSync(path.join(dir, "e2e", "a.spec.ts"), 'const NEW = "Quiet#Orchard2026"; const m = "+8613812345678";');
    writeFileSync(
      path.join(dir, "sms.jsonl"),
      `${JSON.stringify({ to: "+14155550199", body: "Your Postkey verification code is 907311." })}\n`,
    );
    const found = collectSecrets({ specDirs: [path.join(dir, "e2e")], smsRecords: [path.join(dir, "sms.jsonl")] });
    expect(found.passwords).toEqual(expect.arrayContaining(["Quiet#Orchard2026", "Blue#Harbor2026", "Cloud#Console2026"]));
    expect(found.answers).toEqual(expect.arrayContaining(["Rex", "Mittens"]));
    expect(found.phones).toEqual(expect.arrayContaining(["+8613812345678", "+14155550199", "+14155550105"]));
    expect(found.codes).toEqual(["907311"]);

    mkdirSync(path.join(dir, "logs"));
    writeFileSync(path.join(dir, "logs", "clean.log"), '{"msg":"request","status":200}\n');
    expect(checkLogDir(path.join(dir, "logs"), found)).toMatchObject({ files: 1, findings: [] });
    writeFileSync(path.join(dir, "logs", "leak.log"), "ok\nsent 907311 to 13812345678\n");
    const { files, findings } = checkLogDir(path.join(dir, "logs"), found);
    expect(files).toBe(2);
    expect(findings.map((f) => [f.line, f.kind])).toEqual([
      [2, "phones"],
      [2, "codes"],
    ]);
  });
});
