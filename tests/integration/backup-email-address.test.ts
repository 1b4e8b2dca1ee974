import { beforeEach, describe, expect, it } from "vitest";
import { startBackupEmailBinding } from "@/server/account-security/backup-email";
import { getDb } from "@/server/db";
import { accountByAddress, freshDemo, meta } from "../support/fixtures";
import { refText } from "../support/i18n";
import { DEMO } from "../support/demo-accounts";

/**
 * The backup address is one strict mailbox (src/lib/mailbox.ts), and "outside
 * your own domain" is judged on its parsed domain: an address list or a stray
 * bracket is refused next to the field, and nothing is stored or mailed.
 */
const ERIN = DEMO.erin.email;
const PASSWORD = DEMO.erin.password;

let erinId = "";
beforeEach(async () => {
  await freshDemo();
  erinId = (await accountByAddress(ERIN)).id;
});

const start = (email: string) => startBackupEmailBinding({ accountId: erinId, email, currentPassword: PASSWORD, meta });

describe("binding refuses anything but one address outside the account's domain", () => {
  it.each([
    ["boss,ceo@evil.test", "Account.backupEmail.errors.oneAddress", "Enter one address only"],
    ["x@example.org>", "Account.backupEmail.errors.oneAddress", "Enter one address only"],
    ["Boss <ceo@evil.test>", "Account.backupEmail.errors.oneAddress", "Enter one address only"],
    ["boss@gmail.example; ceo@evil.test", "Account.backupEmail.errors.oneAddress", "Enter one address only"],
    ["name@bücher.example", "Account.backupEmail.errors.unicodeDomain", "xn--"],
    [`${"l".repeat(65)}@gmail.example`, "Account.backupEmail.errors.tooLong", "too long"],
    ["erin.other@EXAMPLE.org", "Account.backupEmail.errors.ownDomain", "outside your own domain"],
    ["not-an-address", "Account.backupEmail.errors.invalid", "Enter a valid email address"],
  ])("%s → %s, next to the field; nothing stored or mailed", async (email, key, words) => {
    const r = await start(email);
    expect(r).toEqual({ ok: false, error: "invalid", fieldErrors: { email: [{ key }] } });
    if (!r.ok && r.error === "invalid") expect(refText(r.fieldErrors.email![0])).toContain(words);
    expect(await getDb().emailMessage.count()).toBe(0);
    expect(await getDb().verification.count({ where: { purpose: "EMAIL_BINDING" } })).toBe(0);
  });

  it("a subdomain or a look-alike of the own domain is another domain (exact match on the parsed domain)", async () => {
    expect(await start("erin@example.org.evil.test")).toMatchObject({ ok: true });
    const [mail] = await getDb().emailMessage.findMany();
    expect(mail.to).toBe("erin@example.org.evil.test");
  });
});
