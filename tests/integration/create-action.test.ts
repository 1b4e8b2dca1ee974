import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { enText, tEn, tZh, zhText } from "../support/i18n";
import { captureLogs } from "../support/logs";
import { idle, type FormState } from "@/lib/form-state";
import type { MailUser, Operator } from "@/server/auth/load-session-account";
import { HashBusyError } from "@/server/security/password-hash";
import { accountByAddress, auditActions, freshDemo, meta, sessionClaims } from "../support/fixtures";
import { messageKey } from "@/lib/message-ref";
import { DEMO } from "../support/demo-accounts";

// The request adapters are the only Next.js-bound inputs of the factory: the
// caller is whoever these say, the meta is the fixtures' client.
const who = vi.hoisted(() => ({ mail: null as MailUser | null, operator: null as Operator | null }));
vi.mock("@/web/request", () => ({ getRequestMeta: async () => meta }));
vi.mock("@/web/guards", () => ({
  getMailUser: async () => who.mail,
  getOperator: async () => who.operator,
  TWO_STEP_SETUP_PATH: "/account",
  CONSOLE_PASSWORD_PATH: "/console/password",
}));

const { createAction, createCommand } = await import("@/web/actions/create-action");
const { anyone, mailUser, operator, operatorChangingPassword, postmaster } = await import("@/web/actions/action-guards");
const { loadMailUser, loadOperator } = await import("@/server/auth/load-session-account");

function form(fields: Record<string, string | string[]>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) f.append(k, x);
  return f;
}

async function signedIn(address: string): Promise<MailUser> {
  const user = await loadMailUser(await sessionClaims("mail", await accountByAddress(address)));
  if (!user) throw new Error(`no mail user for ${address}`);
  return user;
}

/** Calls the action and returns where it redirected, or fails if it did not. */
async function redirectOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isRedirectError(e)) return String(e.digest.split(";")[2]);
    throw e;
  }
  throw new Error("expected a redirect");
}

const schema = z.object({
  name: z.string().min(1, "Enter a name."),
  password: z.string().min(8, "At least 8 characters."),
  count: z.coerce.number().int().max(5, "At most 5."),
});

describe("createAction: guard → audited refusal → parse → run → form state", () => {
  beforeEach(async () => {
    await freshDemo();
    who.mail = null;
    who.operator = null;
  });
  afterEach(() => vi.restoreAllMocks());

  it("runs the domain step with the parsed data, the guard's context and the request meta", async () => {
    const run = vi.fn(async (): Promise<FormState> => ({ status: "success", message: "Saved." }));
    const action = createAction({ name: "test.run", guard: anyone, schema, run });
    const state = await action(idle, form({ name: "Ann", password: "long-enough", count: "3" }));
    expect(state).toEqual({ status: "success", message: "Saved." });
    expect(run).toHaveBeenCalledWith({ name: "Ann", password: "long-enough", count: 3 }, { meta, t: tEn });
  });

  it("a refused caller gets the guard's answer before any input is read, and the refusal is audited", async () => {
    who.mail = await signedIn(DEMO.alice.email); // an employee, not a postmaster
    const parse = vi.fn();
    const run = vi.fn();
    const watched = z.object({ name: z.string().transform((v) => (parse(v), v)) });
    const action = createAction({ name: "password.reset", guard: postmaster, schema: watched, run });
    const state = await action(idle, form({ name: "x" }));
    expect(state).toMatchObject({ status: "error", formError: enText("Admin.errors.forbidden") });
    expect(parse).not.toHaveBeenCalled();
    expect(run).not.toHaveBeenCalled();
    const [refusal] = await auditActions({ action: "access.refused" });
    expect(refusal).toMatchObject({
      actorLabel: DEMO.alice.email,
      ip: meta.ip,
      detail: expect.objectContaining({ attempted: "password.reset", reason: "not_postmaster" }),
    });
  });

  it("no session: the mail guards audit and send the caller to the logon page; the operator guard names the targeted domain", async () => {
    const run = vi.fn();
    expect(await redirectOf(createAction({ name: "account.update", guard: mailUser(), schema, run })(idle, form({})))).toBe("/login");
    expect(await redirectOf(createAction({ name: "password.reset", guard: postmaster, schema, run })(idle, form({})))).toBe("/login");
    const domain = await accountByAddress(DEMO.postmaster.email);
    const to = await redirectOf(
      createAction({ name: "postmaster.reset", guard: operator, schema, run })(idle, form({ domainId: domain.domainId })),
    );
    expect(to).toBe("/console/login?notice=expired");
    expect(run).not.toHaveBeenCalled();
    const refusals = await auditActions({ action: "access.refused" });
    expect(refusals.map((r) => (r.detail as { attempted: string }).attempted).sort()).toEqual([
      "account.update",
      "password.reset",
      "postmaster.reset",
    ]);
    expect(refusals.find((r) => (r.detail as { attempted: string }).attempted === "postmaster.reset")).toMatchObject({
      domainId: domain.domainId,
    });
  });

  it("an account that must change its password may only run actions that allow it", async () => {
    const alice = await accountByAddress(DEMO.alice.email);
    const { getDb } = await import("@/server/db");
    await getDb().mailAccount.update({ where: { id: alice.id }, data: { mustChangePassword: true } });
    who.mail = await signedIn(DEMO.alice.email);
    const run = vi.fn(async (): Promise<FormState> => ({ status: "success" }));
    const to = await redirectOf(createAction({ name: "account.update", guard: mailUser(), schema, run })(idle, form({})));
    expect(to).toBe("/account/change-password");
    const ok = await createAction({ name: "password.change", guard: mailUser({ allowMustChange: true }), schema, run })(
      idle,
      form({ name: "Ann", password: "long-enough", count: "1" }),
    );
    expect(ok).toEqual({ status: "success" });
    expect(run).toHaveBeenCalledTimes(1);
  });

  it("an operator whose console password must be changed may only change it: anything else is refused, audited, sent there", async () => {
    const { getDb } = await import("@/server/db");
    const op = await getDb().cloudAccount.update({
      where: { email: DEMO.ops.email },
      data: { mustChangePassword: true, mustChangeReason: "BREACHED" },
    });
    who.operator = await loadOperator(await sessionClaims("console", op));
    expect(who.operator?.mustChangePassword).toBe(true);
    const run = vi.fn(async (): Promise<FormState> => ({ status: "success" }));
    const domain = await accountByAddress(DEMO.postmaster.email);
    const to = await redirectOf(
      createAction({ name: "postmaster.reset", guard: operator, schema, run })(idle, form({ domainId: domain.domainId })),
    );
    expect(to).toBe("/console/password");
    expect(run).not.toHaveBeenCalled();
    const [refusal] = await auditActions({ action: "access.refused" });
    expect(refusal).toMatchObject({
      actorLabel: DEMO.ops.email,
      domainId: domain.domainId,
      detail: expect.objectContaining({ attempted: "postmaster.reset", reason: "must_change_password" }),
    });
    const ok = await createAction({ name: "change_console_password", guard: operatorChangingPassword, schema, run })(
      idle,
      form({ name: "Ann", password: "long-enough", count: "1" }),
    );
    expect(ok).toEqual({ status: "success" });
    expect(run).toHaveBeenCalledTimes(1);
  });

  it("parse errors come back for every field at once, with the values typed — never a secret field's", async () => {
    const run = vi.fn();
    const action = createAction({ name: "test.parse", guard: anyone, schema, run });
    const state = await action(idle, form({ name: "", password: "short", count: "9", extra: "made-up" }));
    expect(state).toMatchObject({
      status: "error",
      fieldErrors: { name: ["Enter a name."], password: ["At least 8 characters."], count: ["At most 5."] },
      values: { name: "", count: "9" },
    });
    expect(state.status === "error" && state.values).not.toHaveProperty("password");
    expect(state.status === "error" && state.values).not.toHaveProperty("extra");
    expect(run).not.toHaveBeenCalled();
  });

  it("control or unreadable characters are refused next to their field before the schema runs", async () => {
    const run = vi.fn();
    const state = await createAction({ name: "test.unreadable", guard: anyone, schema, run })(
      idle,
      form({ name: "Ann\u0000", password: "long-enough", count: "1" }),
    );
    expect(state).toMatchObject({ status: "error", fieldErrors: { name: [enText("Common.errors.unreadableText")] } });
    expect(state.status === "error" && state.values).not.toHaveProperty("name");
    expect(run).not.toHaveBeenCalled();
  });

  it("a repeated field the schema does not expect as a list is refused with that field's message", async () => {
    const state = await createAction({ name: "test.repeat", guard: anyone, schema, run: vi.fn() })(
      idle,
      form({ name: ["a", "b"], password: "long-enough", count: "1" }),
    );
    expect(state).toMatchObject({ status: "error", fieldErrors: { name: [expect.any(String)] } });
  });

  it("schema messages are catalog keys, said in the request's language with the schema's own limits", async () => {
    const keyed = z.object({
      email: z.string().min(1, messageKey("Fields.errors.emailRequired")),
      password: z.string().max(4, messageKey("Fields.errors.passwordTooLong")),
    });
    const action = createAction({ name: "test.keys", guard: anyone, schema: keyed, run: vi.fn() });
    const en = await action(idle, form({ email: "", password: "123456" }));
    expect(en).toMatchObject({
      fieldErrors: { email: [enText("Fields.errors.emailRequired")], password: [enText("Fields.errors.passwordTooLong", { max: 4 })] },
    });
    const i18n = await import("@/web/i18n");
    vi.spyOn(i18n, "getTranslator").mockResolvedValue(tZh);
    const zh = await action(idle, form({ email: "", password: "123456" }));
    expect(zh).toMatchObject({
      fieldErrors: { email: [zhText("Fields.errors.emailRequired")], password: [zhText("Fields.errors.passwordTooLong", { max: 4 })] },
    });
    expect(zhText("Fields.errors.passwordTooLong", { max: 4 })).toContain("4");
  });

  it("anything but a form is refused with a clear message", async () => {
    const run = vi.fn();
    const state = await createAction({ name: "test.notform", guard: anyone, schema, run })(idle, "x" as unknown as FormData);
    expect(state).toMatchObject({ status: "error", formError: enText("Common.errors.unreadableForm") });
    expect(run).not.toHaveBeenCalled();
  });

  it("the schema may depend on the caller (a field required only for some)", async () => {
    who.mail = await signedIn(DEMO.postmaster.email);
    const bySomeone = (ctx: { user: MailUser }) =>
      z.object({ reason: ctx.user.role === "POSTMASTER" ? z.string().min(1, "Give a reason.") : z.string().optional() });
    const state = await createAction({ name: "test.ctx", guard: postmaster, schema: bySomeone, run: vi.fn() })(idle, form({ reason: "" }));
    expect(state).toMatchObject({ status: "error", fieldErrors: { reason: ["Give a reason."] } });
  });

  it("redirect() and notFound() from the domain step pass through (unstable_rethrow)", async () => {
    const to = await redirectOf(
      createAction({ name: "test.redirect", guard: anyone, schema, run: async () => redirect("/account?saved=1") })(
        idle,
        form({ name: "Ann", password: "long-enough", count: "1" }),
      ),
    );
    expect(to).toBe("/account?saved=1");
    const missing = createAction({ name: "test.notfound", guard: anyone, schema, run: async () => notFound() })(
      idle,
      form({ name: "Ann", password: "long-enough", count: "1" }),
    );
    await expect(missing).rejects.toMatchObject({ digest: expect.stringContaining("404") });
  });

  it("a thrown error becomes a generic form error (logged, no stack), keeping the safe values; a busy hasher says busy", async () => {
    const logs = captureLogs();
    const boom = createAction({
      name: "test.boom",
      guard: anyone,
      schema,
      run: async () => {
        throw new Error("connection reset by peer at db.internal:5432");
      },
    });
    const state = await boom(idle, form({ name: "Ann", password: "long-enough", count: "1" }));
    expect(state).toMatchObject({ status: "error", formError: enText("Common.errors.unexpected"), values: { name: "Ann", count: "1" } });
    expect(JSON.stringify(state)).not.toContain("db.internal");
    expect(JSON.stringify(state)).not.toContain("long-enough");
    expect(logs.lines).toContainEqual(
      expect.objectContaining({ level: "error", component: "action", action: "test.boom", msg: "unexpected error" }),
    );
    expect(logs.text()).not.toContain("long-enough");
    logs.restore();

    const busy = createAction({
      name: "test.busy",
      guard: anyone,
      schema,
      run: async () => {
        throw new HashBusyError();
      },
    });
    expect(await busy(idle, form({ name: "Ann", password: "long-enough", count: "1" }))).toMatchObject({
      status: "error",
      formError: enText("Common.errors.busy"),
    });
  });

  it("an unreachable database is 'temporarily unavailable', starts the outage mode (logged once), and a probe ends it", async () => {
    const { isDatabaseDown, markDatabaseUp } = await import("@/server/lifecycle");
    const logs = captureLogs();
    const unreachable = Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { code: "P1001" });
    const down = createAction({
      name: "test.down",
      guard: anyone,
      schema,
      run: async () => {
        throw unreachable;
      },
    });
    try {
      for (let i = 0; i < 2; i++) {
        expect(await down(idle, form({ name: "Ann", password: "long-enough", count: "1" }))).toMatchObject({
          status: "error",
          formError: enText("Common.errors.unavailable"),
          values: { name: "Ann" },
        });
      }
      expect(isDatabaseDown()).toBe(true);
      expect(logs.lines.filter((l) => l.component === "database" && l.level === "error")).toHaveLength(1);
      // The real database answers: the probe (each second) ends the outage by itself.
      await vi.waitFor(() => expect(isDatabaseDown()).toBe(false), { timeout: 5_000, interval: 100 });
      expect(logs.lines).toContainEqual(expect.objectContaining({ component: "database", msg: "the database is reachable again" }));
    } finally {
      markDatabaseUp();
      logs.restore();
    }
  });
});

describe("createCommand (no input: Log Off, Cancel)", () => {
  beforeEach(async () => {
    await freshDemo();
    who.mail = null;
    who.operator = null;
  });

  it("runs only for a caller the guard lets through, with the request meta", async () => {
    const run = vi.fn(async () => {});
    await createCommand({ name: "test.cmd", guard: anyone, run })();
    expect(run).toHaveBeenCalledWith({ meta, t: tEn });
    const refused = vi.fn(async () => {});
    expect(await redirectOf(createCommand({ name: "session.log_off", guard: mailUser(), run: refused })())).toBe("/login");
    expect(refused).not.toHaveBeenCalled();
  });
});
