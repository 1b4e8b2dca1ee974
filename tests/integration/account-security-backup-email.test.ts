import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  cancelBackupEmailBinding,
  confirmBackupEmail,
  removeBackupEmail,
  startBackupEmailBinding,
} from "@/server/account-security/backup-email";
import { getAccountSecurity } from "@/server/account-security/get-account-security";
import { SECOND } from "@/server/clock";
import { getDb } from "@/server/db";
import { resetEmployeePassword } from "@/server/admin/reset-employee-password";
import { accountByAddress, auditActions, freshDemo, meta, sendReturnedNotice, useFakeClock } from "../support/fixtures";
import { postmasterFor } from "../support/postmaster";
import { DEMO } from "../support/demo-accounts";

/**
 * Account Security > Backup email address (src/server/account-security/backup-email.ts):
 * the current password, a 6-digit code mailed to the address (the console
 * provider keeps the text on a local run), only the right code binds it.
 */
const ERIN = DEMO.erin.email;
const PASSWORD = DEMO.erin.password;
const ADDRESS = "erin.backup@gmail.example";

let erin: Awaited<ReturnType<typeof accountByAddress>>;
let clock: ReturnType<typeof useFakeClock>;
beforeEach(async () => {
  await freshDemo();
  clock = useFakeClock();
  erin = await accountByAddress(ERIN);
});
afterEach(() => vi.useRealTimers());

const start = (email = ADDRESS, currentPassword = PASSWORD) =>
  startBackupEmailBinding({ accountId: erin.id, email, currentPassword, meta });
const confirm = (code: string) => confirmBackupEmail({ accountId: erin.id, code, meta });
const mailedCode = async () =>
  (await getDb().emailMessage.findFirstOrThrow({ where: { to: ADDRESS }, orderBy: { createdAt: "desc" } })).body.match(/\d{6}/)![0];

describe("binding a backup email address", () => {
  it("mails a code; only the right code binds the address; shown masked; audited without the address", async () => {
    expect(await start(` ${ADDRESS.toUpperCase()} `)).toEqual({ ok: true, masked: "e•••@g•••.example" });
    const [mail] = await getDb().emailMessage.findMany();
    expect(mail).toMatchObject({ to: ADDRESS, purpose: "BIND_CODE", subject: "Your Postkey verification code", status: "SENT" });
    expect((await getAccountSecurity({ accountId: erin.id }))?.backupPending).toEqual({ masked: "e•••@g•••.example", codeState: "active" });
    const code = await mailedCode();
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    expect(await confirm(wrong)).toEqual({ ok: false, error: "wrong_code", attemptsLeft: 4 });
    expect((await accountByAddress(ERIN)).backupEmail).toBeNull();
    expect(await confirm(code)).toEqual({ ok: true, masked: "e•••@g•••.example" });
    expect(await accountByAddress(ERIN)).toMatchObject({ backupEmail: ADDRESS, backupEmailVerifiedAt: expect.any(Date) });
    expect((await getAccountSecurity({ accountId: erin.id }))?.backupEmail).toBe("e•••@g•••.example");
    const events = await auditActions({ action: "backup_email.bound" });
    expect(events.map((e) => e.result)).toEqual(["FAILURE", "SUCCESS"]);
    expect(JSON.stringify(events)).not.toContain(ADDRESS);
    expect(await confirm(code)).toEqual({ ok: false, error: "no_pending" });
  });

  it("refuses a wrong password, a malformed address, an address of the account's own domain, and the bound address again", async () => {
    expect(await start(ADDRESS, "Wrong#Password1")).toMatchObject({
      fieldErrors: { currentPassword: [{ key: "Password.errors.currentWrong" }] },
    });
    expect(await start("not-an-address")).toMatchObject({ fieldErrors: { email: [{ key: "Account.backupEmail.errors.invalid" }] } });
    expect(await start("erin.other@example.org")).toMatchObject({
      fieldErrors: { email: [{ key: "Account.backupEmail.errors.ownDomain" }] },
    });
    expect(await getDb().emailMessage.count()).toBe(0);
    await start();
    await confirm(await mailedCode());
    clock.advance(60 * SECOND);
    expect(await start()).toMatchObject({ fieldErrors: { email: [{ key: "Account.backupEmail.errors.same" }] } });
  });

  it("one send per 60 s; the 5th wrong code voids it; Cancel drops it; Remove needs the password", async () => {
    await start();
    expect(await start()).toMatchObject({ ok: false, error: "resend_wait" });
    const code = await mailedCode();
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    for (let i = 0; i < 4; i++) await confirm(wrong);
    expect(await confirm(wrong)).toEqual({ ok: false, error: "voided" });
    expect((await getAccountSecurity({ accountId: erin.id }))?.backupPending?.codeState).toBe("voided");
    await cancelBackupEmailBinding({ accountId: erin.id });
    expect((await getAccountSecurity({ accountId: erin.id }))?.backupPending).toBeNull();
    clock.advance(60 * SECOND);
    await start();
    await confirm(await mailedCode());
    expect(await removeBackupEmail({ accountId: erin.id, currentPassword: "Wrong#Password1", meta })).toEqual({
      ok: false,
      error: "wrong_password",
    });
    expect(await removeBackupEmail({ accountId: erin.id, currentPassword: PASSWORD, meta })).toEqual({ ok: true });
    expect((await accountByAddress(ERIN)).backupEmail).toBeNull();
    expect(await auditActions({ action: "backup_email.removed" })).toHaveLength(2);
  });
});

describe("resets are told at the backup address too", () => {
  it("a postmaster's reset: the SMS notice to the secure mobile and an email to the bound backup address, no secret in either", async () => {
    await start();
    await confirm(await mailedCode());
    const pm = await accountByAddress(DEMO.orgPostmaster.email);
    const r = await resetEmployeePassword(
      {
        postmaster: await postmasterFor(pm.id),
        accountId: erin.id,
        password: "Quiet#Harbor2027",
        confirmPassword: "Quiet#Harbor2027",
        mustChangePassword: true,
      },
      meta,
    );
    expect(r.ok).toBe(true);
    await sendReturnedNotice(r);
    const [mail] = await getDb().emailMessage.findMany({ where: { purpose: "RESET_NOTICE" } });
    expect(mail).toMatchObject({ to: ADDRESS, subject: "The password of erin@example.org was reset", status: "SENT" });
    expect(mail.body).toContain("The password of erin@example.org was reset by your administrator");
    expect(mail.body).not.toContain("Quiet#Harbor2027");
    expect(await getDb().smsMessage.count({ where: { purpose: "RESET_NOTICE", to: DEMO.erin.mobile } })).toBe(1);
  });
});
