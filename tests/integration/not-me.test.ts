import { Secret, TOTP } from "otpauth";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/env";
import { confirmBackupEmail, removeBackupEmail, startBackupEmailBinding } from "@/server/account-security/backup-email";
import { saveSecurityQuestions } from "@/server/account-security/save-security-questions";
import { resetEmployeePassword } from "@/server/admin/reset-employee-password";
import { loadMailUser } from "@/server/auth/load-session-account";
import { logOn } from "@/server/auth/log-on";
import { DAY, SECOND } from "@/server/clock";
import { getDb } from "@/server/db";
import { isNotMeLinkLive, reportNotMe } from "@/server/notices/report-not-me";
import { getRecoveryState } from "@/server/recovery/get-recovery-state";
import { DEMO_QUESTIONS } from "@/server/seed/demo-data";
import { sendNotice } from "@/server/sms/account-notice";
import {
  confirmTotpSetup,
  disableTotp,
  getTwoStepSettings,
  regenerateRecoveryCodes,
  startTotpSetup,
} from "@/server/two-step/manage-two-step";
import { isTrustedBrowser, trustBrowser } from "@/server/two-step/trusted-browser";
import {
  accountByAddress,
  auditActions,
  freshDemo,
  meta,
  passedCaptcha,
  sendReturnedNotice,
  sessionClaims,
  useFakeClock,
} from "../support/fixtures";
import { startRecovery } from "@/server/recovery/start-recovery";
import { postmasterFor } from "../support/postmaster";
import { DEMO } from "../support/demo-accounts";

/**
 * SECURITY.md "Second step and recovery strength": the owner hears about everything, and can stop it. Every
 * change of a recovery method or second factor is told to the owner's other
 * channels; every notice to the owner carries a one-use "This wasn't me"
 * link that signs out everywhere, ends trusted browsers, requires a new
 * password, closes recovery flows and alerts the postmasters (and the cloud
 * operator for a postmaster). None of this existed before.
 */
const ALICE = { address: DEMO.alice.email, password: DEMO.alice.password, mobile: DEMO.alice.mobile };
const PM = { address: DEMO.postmaster.email, password: DEMO.postmaster.password, mobile: DEMO.postmaster.mobile };
const LINK = /https?:\/\/[^\s]+\/not-me\/([A-Za-z0-9_-]{22})/;

let clock: ReturnType<typeof useFakeClock>;
beforeEach(async () => {
  await freshDemo();
  clock = useFakeClock();
  Object.assign(process.env, { SMS_PROVIDER: "console", CAPTCHA_TEST_MODE: "1" });
  resetEnvCache();
});
afterEach(() => {
  vi.useRealTimers();
  resetEnvCache();
});

const smsTo = (to: string) => getDb().smsMessage.findMany({ where: { to }, orderBy: { createdAt: "asc" } });
const mailTo = (to: string) => getDb().emailMessage.findMany({ where: { to }, orderBy: { createdAt: "asc" } });
const tokenIn = (body: string) => LINK.exec(body)?.[1];

async function bindBackup(who: { address: string; password: string }, email: string) {
  const account = await accountByAddress(who.address);
  expect((await startBackupEmailBinding({ accountId: account.id, email, currentPassword: who.password, meta })).ok).toBe(true);
  const [mail] = (await mailTo(email)).slice(-1);
  const code = mail.body.match(/\b(\d{6})\b/)![1];
  expect((await confirmBackupEmail({ accountId: account.id, code, meta })).ok).toBe(true);
  return account;
}

describe("every change of a recovery method or second factor is told to the owner's other channels", () => {
  it("a backup address bound, changed, removed: the mobile hears each; the old address hears its own replacement, the new one nothing", async () => {
    const alice = await bindBackup(ALICE, "alice.home@mail.example.net");
    let sms = await smsTo(ALICE.mobile);
    expect(sms.at(-1)).toMatchObject({ purpose: "SECURITY_NOTICE" });
    expect(sms.at(-1)!.body).toContain("The backup email address a•••@m•••.net was added to alice@example.com");
    expect(tokenIn(sms.at(-1)!.body)).toBeTruthy();
    // The new address got its code, and no notice.
    expect((await mailTo("alice.home@mail.example.net")).map((m) => m.purpose)).toEqual(["BIND_CODE"]);

    clock.advance(61 * SECOND);
    await bindBackup(ALICE, "alice.other@mail.example.org");
    const toOld = (await mailTo("alice.home@mail.example.net")).at(-1)!;
    expect(toOld).toMatchObject({ purpose: "SECURITY_NOTICE" });
    expect(toOld.body).toContain("was changed to a•••@m•••.org");
    expect(tokenIn(toOld.body)).toBeTruthy();

    expect(await removeBackupEmail({ accountId: alice.id, currentPassword: ALICE.password, meta })).toEqual({ ok: true });
    expect((await mailTo("alice.other@mail.example.org")).at(-1)!.body).toContain(
      "The backup email address of alice@example.com was removed",
    );
    sms = await smsTo(ALICE.mobile);
    expect(sms.filter((m) => m.purpose === "SECURITY_NOTICE")).toHaveLength(3);
    // Every notice has its own link.
    expect(new Set(sms.map((m) => tokenIn(m.body))).size).toBe(3);
  });

  it("an authenticator app on and off, new recovery codes, new questions: SMS and the backup address, each with a link", async () => {
    await bindBackup(ALICE, "alice.home@mail.example.net");
    const alice = await accountByAddress(ALICE.address);
    const owner = { kind: "mail" as const, id: alice.id };
    await startTotpSetup({ owner, password: ALICE.password }, meta);
    const key = (await getTwoStepSettings({ owner }))!.pending!.base32;
    await confirmTotpSetup({ owner, code: new TOTP({ secret: Secret.fromBase32(key) }).generate() }, meta);
    await regenerateRecoveryCodes({ owner, password: ALICE.password }, meta);
    await disableTotp({ owner, password: ALICE.password }, meta);
    const items = DEMO_QUESTIONS.map((question, i) => ({ question, answer: ["Biscuit", "Ningbo", "Lakeside"][i] }));
    expect(await saveSecurityQuestions({ accountId: alice.id, items, currentPassword: ALICE.password, meta })).toEqual({ ok: true });
    const texts = (await smsTo(ALICE.mobile)).filter((m) => m.purpose === "SECURITY_NOTICE").map((m) => m.body);
    expect(texts.slice(1).map((b) => b.replace(LINK, "<link>"))).toEqual([
      expect.stringContaining("An authenticator app was set up for the two-step logon of alice@example.com"),
      expect.stringContaining("New recovery codes were generated for alice@example.com"),
      expect.stringContaining("The authenticator app of alice@example.com was turned off"),
      expect.stringContaining("The security questions of alice@example.com were changed"),
    ]);
    expect(texts.every((b) => b.includes("Not you? Secure your account:"))).toBe(true);
    expect((await mailTo("alice.home@mail.example.net")).filter((m) => m.purpose === "SECURITY_NOTICE")).toHaveLength(4);
  });

  it("a reset notice carries the link too", async () => {
    const pm = await accountByAddress(PM.address);
    const alice = await accountByAddress(ALICE.address);
    const password = "Fresh#Harbor2027";
    await sendReturnedNotice(
      await resetEmployeePassword(
        { postmaster: await postmasterFor(pm.id), accountId: alice.id, password, confirmPassword: password, mustChangePassword: true },
        meta,
      ),
    );
    const [notice] = (await smsTo(ALICE.mobile)).filter((m) => m.purpose === "RESET_NOTICE");
    expect(notice.body).toContain("was reset by your administrator");
    expect(await isNotMeLinkLive({ token: tokenIn(notice.body) })).toBe(true);
  });
});

describe("This wasn't me", () => {
  async function noticeLink(): Promise<string> {
    await bindBackup(ALICE, "alice.home@mail.example.net");
    return tokenIn((await smsTo(ALICE.mobile)).at(-1)!.body)!;
  }

  it("signs out everywhere, ends trusted browsers, requires a new password, closes recovery flows, alerts the postmaster; once", async () => {
    const token = await noticeLink();
    const alice = await accountByAddress(ALICE.address);
    const claims = await sessionClaims("mail", alice);
    const trusted = await trustBrowser(undefined, { kind: "mail", id: alice.id, sessionVersion: alice.sessionVersion }, meta);
    const flow = await startRecovery({ flowId: undefined, address: ALICE.address, ...(await passedCaptcha()) }, meta);
    if (!flow.ok) throw new Error("no flow");
    // Opening the page changes nothing.
    expect(await isNotMeLinkLive({ token })).toBe(true);
    expect(await loadMailUser(claims)).not.toBeNull();

    const r = await reportNotMe({ token: token }, meta);
    expect(r).toMatchObject({ ok: true });
    const after = await accountByAddress(ALICE.address);
    expect(after.sessionVersion).toBe(alice.sessionVersion + 1);
    expect(after.mustChangePassword).toBe(true);
    expect(await loadMailUser(claims)).toBeNull();
    expect(await isTrustedBrowser(trusted, { kind: "mail", id: alice.id, sessionVersion: after.sessionVersion }, new Date())).toBe(false);
    expect(await getRecoveryState({ flowId: flow.flowId })).toEqual({ step: "account", notice: "expired" });
    const [event] = await auditActions({ action: "account.reported_not_me" });
    expect(event).toMatchObject({
      targetId: alice.id,
      actorKind: "ANONYMOUS",
      detail: { event: "backup_email_bound", sessionsEnded: 1, untrusted: 1, recoveryFlowsClosed: 1 },
    });

    // The postmaster hears it (after the response).
    if (r.ok) for (const n of r.notices) await sendNotice(n);
    const [alert] = (await smsTo(PM.mobile)).filter((m) => m.purpose === "ACCOUNT_NOTICE");
    expect(alert.body).toContain("the owner of alice@example.com reported a change they did not make");
    expect(tokenIn(alert.body)).toBeUndefined();

    // Once.
    expect(await reportNotMe({ token: token }, meta)).toEqual({ ok: false, error: "invalid" });
    expect(await isNotMeLinkLive({ token })).toBe(false);
    // The password still works, but must be changed at once.
    expect(await logOn({ kind: "mail", login: ALICE.address, password: ALICE.password }, meta)).toMatchObject({
      ok: true,
      mustChangePassword: true,
    });
  });

  it("a postmaster's report alerts the cloud operator by email", async () => {
    await bindBackup(PM, "pm.home@mail.example.net");
    const token = tokenIn((await mailTo("pm.home@mail.example.net")).at(-1)?.body ?? "") ?? tokenIn((await smsTo(PM.mobile)).at(-1)!.body)!;
    const r = await reportNotMe({ token: token }, meta);
    if (!r.ok) throw new Error("refused");
    for (const n of r.notices) await sendNotice(n);
    const [mail] = await mailTo(DEMO.ops.email);
    expect(mail.subject).toBe("postmaster@example.com reported a change they did not make");
    expect(mail.body).toContain("Reset Password");
  });

  it("a link expires after 7 days; a made-up, truncated or tampered token is the same 'cannot be used'", async () => {
    const token = await noticeLink();
    // The tampered token changes its last character to one it is not (a fixed "A" was the token itself 1 time in 64).
    const tampered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    for (const bad of [undefined, "", "x".repeat(22), token.slice(0, -1), tampered, `${token}/../x`]) {
      expect(await reportNotMe({ token: bad }, meta)).toEqual({ ok: false, error: "invalid" });
    }
    clock.advance(7 * DAY + SECOND);
    expect(await isNotMeLinkLive({ token })).toBe(false);
    expect(await reportNotMe({ token: token }, meta)).toEqual({ ok: false, error: "invalid" });
    expect((await accountByAddress(ALICE.address)).mustChangePassword).toBe(false);
  });

  it("the link is stored only as its HMAC, and parallel clicks secure the account once", async () => {
    const token = await noticeLink();
    const rows = await getDb().ownerLink.findMany();
    expect(rows.some((r) => r.id.includes(token))).toBe(false);
    const alice = await accountByAddress(ALICE.address);
    const results = await Promise.all(Array.from({ length: 5 }, () => reportNotMe({ token: token }, meta)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await accountByAddress(ALICE.address)).sessionVersion).toBe(alice.sessionVersion + 1);
    expect(await auditActions({ action: "account.reported_not_me" })).toHaveLength(1);
  });
});
