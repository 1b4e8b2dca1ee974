import { describe, expect, it, vi } from "vitest";
import { startFailureState } from "@/app/(mail)/forgot-password/form-states";
import { idle, type FormState } from "@/lib/form-state";
import { getDb } from "@/server/db";
import { MINUTE, SECOND } from "@/server/clock";
import { createCaptchaChallenge } from "@/server/captcha/create-captcha";
import { getRecoveryState } from "@/server/recovery/get-recovery-state";
import { sendRecoveryCode } from "@/server/recovery/send-recovery-code";
import { startRecovery } from "@/server/recovery/start-recovery";
import { blockLimit } from "@/server/security/rate-limit";
import type * as I18n from "@/web/i18n";
import type { Translator } from "@/web/i18n";
import { accountByAddress, auditActions, meta, otherMeta } from "../support/fixtures";
import { enText, tEn, tZh } from "../support/i18n";
import { shortSecretDigest } from "../support/short-secret-digest";
import { ALICE, BOB, captcha, CAROL, DAN, ERIN, flowRow, start, useRecoveryTestEnv } from "./recovery-helpers";

// Step 1's action as a browser drives it: the request's language (getTranslator), its
// meta, and its cookies (the image challenge, no flow yet) come from these stand-ins.
const request = vi.hoisted(() => ({ t: undefined as Translator | undefined, captchaId: undefined as string | undefined }));
vi.mock("@/web/i18n", async (importOriginal) => {
  const original = await importOriginal<typeof I18n>();
  return { ...original, getTranslator: async () => request.t };
});
vi.mock("@/web/request", async () => ({ getRequestMeta: async () => (await import("../support/fixtures")).meta }));
vi.mock("@/web/captcha-cookie", () => ({ readCaptchaId: async () => request.captchaId, setCaptchaCookie: async () => {} }));
vi.mock("@/web/recovery-cookie", () => ({
  readRecoveryFlowId: async () => undefined,
  setRecoveryCookie: async () => {},
  clearRecoveryCookie: async () => {},
}));
const { startRecoveryAction } = await import("@/app/(mail)/forgot-password/actions");

/** Submits step 1 ("Email address", the image code) in the language of `t`. */
async function submitStep1(t: Translator, email: string): Promise<FormState> {
  const { captchaId, captchaAnswer } = await captcha();
  request.t = t;
  request.captchaId = captchaId;
  const form = new FormData();
  form.set("email", email);
  form.set("captcha", captchaAnswer);
  return startRecoveryAction(idle, form);
}

describe("step 1, Account (startRecovery)", () => {
  const clock = useRecoveryTestEnv();

  it("starts a 15-minute flow for an account that can self-serve, named by a 128-bit id and a 128-bit browser key", async () => {
    const r = await start(" Alice@Example.com ");
    if (!r.ok) throw new Error(r.error);
    const [id, key] = r.flowId.split(".");
    expect(Buffer.from(id, "base64url")).toHaveLength(16);
    expect(Buffer.from(key, "base64url")).toHaveLength(16);
    const alice = await accountByAddress(ALICE);
    const flow = await flowRow(r.flowId);
    expect(flow).toMatchObject({
      accountId: alice.id,
      address: ALICE,
      step: "VERIFY",
      method: null,
      codeHash: null,
      completedAt: null,
      ip: meta.ip,
    });
    expect(flow.expiresAt.getTime() - Date.now()).toBe(15 * MINUTE);
    const [event] = await auditActions({ action: "recovery.started" });
    expect(event).toMatchObject({ result: "SUCCESS", targetId: alice.id, targetLabel: ALICE, actorKind: "ANONYMOUS", ip: meta.ip });
  });

  it("consumes the image code: a wrong word fails, and the same challenge never passes again", async () => {
    const c = await createCaptchaChallenge({}, meta);
    if (!c.ok) throw new Error("rate limited");
    expect(await startRecovery({ flowId: undefined, address: ALICE, captchaId: c.id, captchaAnswer: "WRONG" }, meta)).toEqual({
      ok: false,
      error: "captcha",
    });
    expect(await startRecovery({ flowId: undefined, address: ALICE, captchaId: c.id, captchaAnswer: "PASSED" }, meta)).toEqual({
      ok: false,
      error: "captcha",
    });
    const passed = await captcha();
    expect((await startRecovery({ flowId: undefined, address: ALICE, ...passed }, meta)).ok).toBe(true);
    expect(await startRecovery({ flowId: undefined, address: ALICE, ...passed }, meta)).toEqual({ ok: false, error: "captcha" });
    expect(await startRecovery({ flowId: undefined, address: ALICE, captchaId: undefined, captchaAnswer: "PASSED" }, meta)).toEqual({
      ok: false,
      error: "captcha",
    });
    expect(await getDb().recoveryFlow.count()).toBe(1);
    expect(startFailureState(tEn, { ok: false, error: "captcha" }, ALICE)).toMatchObject({
      fieldErrors: { captcha: [enText("Recovery.errors.captcha")] },
    });
  });

  it("refuses an image code older than 120 s", async () => {
    const passed = await captcha();
    clock.advance(120 * SECOND + 1);
    expect(await startRecovery({ flowId: undefined, address: ALICE, ...passed }, meta)).toEqual({ ok: false, error: "captcha" });
  });

  it("answers unknown, disabled, no-method, domain-disallowed and blocked accounts identically", async () => {
    const db = getDb();
    await db.mailAccount.update({ where: { address: DAN }, data: { status: "DISABLED" } });
    await db.domain.update({ where: { name: "example.org" }, data: { allowSmsRecovery: false } });
    await db.domain.update({ where: { name: "example.com" }, data: { allowQuestionRecovery: false } });
    const blocked = await accountByAddress(ALICE);
    await blockLimit("recoveryBlockByAccount", blocked.id);
    const cases = ["nobody@example.com", DAN, BOB, ERIN, CAROL, ALICE];
    const results = [];
    for (const address of cases) results.push(await start(address));
    for (const r of results) expect(r).toEqual(results[0]);
    expect(results[0]).toEqual({ ok: false, error: "unavailable" });

    const shown = results.map((r) => (r.ok ? null : startFailureState(tEn, r, "someone@example.com")));
    for (const s of shown) expect(s).toEqual(shown[0]);
    expect(shown[0]).toMatchObject({ status: "error", formError: enText("Recovery.errors.unavailable"), fieldErrors: {} });
    expect(enText("Recovery.errors.unavailable")).toBe(
      "Self-service reset is not available for this account. Contact your email administrator (postmaster). " +
        "If you are the postmaster, contact the cloud operator who manages your domain.",
    );

    // The same work for each: a flow row without an account, an audit event with the reason (for the postmaster only).
    const flows = await db.recoveryFlow.findMany();
    expect(flows).toHaveLength(cases.length);
    for (const f of flows) expect(f).toMatchObject({ accountId: null, step: "FAILED", endedReason: "unavailable" });
    const reasons = (await auditActions({ action: "recovery.started" })).map((e) => [
      e.targetLabel,
      e.result,
      (e.detail as { reason: string }).reason,
    ]);
    expect(reasons.sort()).toEqual(
      [
        ["nobody@example.com", "REFUSED", "unknown_address"],
        [DAN, "REFUSED", "disabled"],
        [BOB, "REFUSED", "no_method"],
        [ERIN, "REFUSED", "no_method"],
        [CAROL, "REFUSED", "no_method"],
        [ALICE, "REFUSED", "blocked"],
      ].sort(),
    );
  });

  it("says the same bytes to unknown, disabled and no-method accounts through the action, in English and in Chinese", async () => {
    const db = getDb();
    await db.mailAccount.update({ where: { address: DAN }, data: { status: "DISABLED" } });
    const cases = ["nobody@example.com", DAN, BOB]; // unknown, disabled, no method
    const answers: Record<string, FormState[]> = {};
    for (const [lang, t] of [
      ["en", tEn],
      ["zh-CN", tZh],
    ] as const) {
      answers[lang] = [];
      for (const address of cases) answers[lang].push(await submitStep1(t, address));
      // The form keeps what was typed; apart from that (and the submission's timestamp) every answer is the same.
      const shown = answers[lang].map((s) => (s.status === "error" ? { ...s, attempt: 0, values: undefined } : s));
      for (const s of shown) expect(JSON.stringify(s)).toBe(JSON.stringify(shown[0]));
      expect(shown[0]).toEqual({
        status: "error",
        formError: t("Recovery.errors.unavailable"),
        fieldErrors: {},
        attempt: 0,
        values: undefined,
      });
      expect(answers[lang].map((s) => (s.status === "error" ? s.values : null))).toEqual(cases.map((email) => ({ email })));
    }
    expect(answers.en[0]).toMatchObject({ formError: enText("Recovery.errors.unavailable") });
    expect(answers["zh-CN"][0]).toMatchObject({
      formError: "此帐号无法自助重置密码。请联系邮箱管理员（postmaster）。如果您就是邮箱管理员，请联系管理您域名的云服务运营方。",
    });
    expect(await db.recoveryFlow.count({ where: { accountId: { not: null } } })).toBe(0);
  });

  it("treats an unverified secure mobile as no method", async () => {
    await getDb().mailAccount.update({ where: { address: DAN }, data: { secureMobileVerifiedAt: null } });
    expect(await start(DAN)).toEqual({ ok: false, error: "unavailable" });
  });

  it("allows 30 starts an hour per IP, then refuses that IP only", async () => {
    for (let i = 0; i < 30; i++) expect((await start(i % 2 ? ALICE : "nobody@example.com")).ok).toBe(i % 2 === 1);
    expect(await start(ALICE)).toEqual({ ok: false, error: "rate_limited" });
    expect(startFailureState(tEn, { ok: false, error: "rate_limited" }, ALICE)).toMatchObject({
      formError: enText("Recovery.errors.startsLimited"),
    });
    expect((await start(ALICE, otherMeta)).ok).toBe(true);
    clock.advance(60 * MINUTE + SECOND);
    expect((await start(ALICE)).ok).toBe(true);
  });

  it("closes the flow the browser had before", async () => {
    const first = await start(ALICE);
    if (!first.ok) throw new Error(first.error);
    const second = await start(ALICE, meta, first.flowId);
    expect(second.ok).toBe(true);
    expect(await flowRow(first.flowId)).toMatchObject({ step: "FAILED", endedReason: "restarted" });
  });

  it("binds the flow to the browser that started it: the id alone, or with another key, drives nothing", async () => {
    const r = await start(ALICE);
    if (!r.ok) throw new Error(r.error);
    const [id, key] = r.flowId.split(".");
    const row = await flowRow(r.flowId);
    expect(row.id).toBe(id);
    // The browser's key is kept only as its HMAC, bound to the flow (computed here from the secret, not by the product).
    expect(row.browserKeyHash).toBe(shortSecretDigest(`recovery-browser:${id}`, key));
    const other = key.startsWith("A") ? `B${key.slice(1)}` : `A${key.slice(1)}`;
    for (const forged of [id, `${id}.`, `${id}.${other}`, `${id}.${key}x`, `${id}.${key}.${key}`]) {
      expect(await getRecoveryState({ flowId: forged })).toEqual({ step: "account", notice: null });
      expect(await sendRecoveryCode({ flowId: forged, method: "SMS" }, meta)).toEqual({ ok: false, error: "no_flow" });
    }
    // A forged token cannot close the flow either.
    await start(ALICE, meta, `${id}.${other}`);
    expect(await flowRow(r.flowId)).toMatchObject({ step: "VERIFY", completedAt: null });
    expect(await getRecoveryState({ flowId: r.flowId })).toMatchObject({ step: "verify" });
  });
});
