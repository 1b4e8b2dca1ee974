import { test as base, expect, type Page } from "@playwright/test";
import { REDIRECT_STATE } from "./actions";
import { e2eDatabaseUrl, STUB_URL } from "./e2e-env";
import { registerSecret, watchForms } from "./secrets";
import { openSession, type SessionKind } from "./sessions";

/**
 * Shared e2e helpers. Fixtures that need data call the same domain functions
 * as the app (createMailAccount…) against the run's database.
 */
process.env.DATABASE_URL = e2eDatabaseUrl();
process.env.SESSION_SECRET ??= "e2e-session-secret-0123456789-abcdefghijklmnopqrstuv";
process.env.APP_ENV ??= "test";

export interface StubMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  dateCreated: string;
}

export async function stubMessages(to?: string): Promise<StubMessage[]> {
  const res = await fetch(`${STUB_URL}/_stub/messages${to ? `?to=${encodeURIComponent(to)}` : ""}`);
  return (await res.json()) as StubMessage[];
}

/** The newest 6-digit code sent to `to` (waits briefly for it to arrive). */
export async function latestCode(to: string, after = 0): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const msgs = (await stubMessages(to)).filter((m) => Date.parse(m.dateCreated) >= after - 1000);
    const m = msgs.at(-1)?.body.match(/\b(\d{6})\b/);
    if (m) {
      registerSecret("codes", m[1]);
      return m[1];
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no code was sent to ${to}`);
}

/**
 * Clicks a submit button and waits for its server action to answer (and for
 * the redirect it asked for), so the next step cannot abort it.
 */
export async function submit(page: Page, name: string): Promise<void> {
  // With JavaScript the action answers a fetch; without, the form's POST loads the answer page.
  const answered = Promise.race([
    page.waitForResponse((r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined).catch(() => null),
    page
      .waitForEvent("load")
      .then(() => null)
      .catch(() => null),
  ]);
  const [response] = await Promise.all([answered, page.getByRole("button", { name, exact: true }).click()]);
  if (!response) return;
  // a guard's redirect() header, or the action's "redirect" state in the answer (the page then navigates by itself).
  const target = response.headers()["x-action-redirect"]?.split(";")[0] ?? REDIRECT_STATE.exec(await response.text().catch(() => ""))?.[1];
  if (target) await page.waitForURL((u) => u.pathname + u.search === target || u.pathname === target.split("?")[0]);
  await page.waitForLoadState();
}

export async function logOn(page: Page, email: string, password: string, path = "/login"): Promise<void> {
  registerSecret("passwords", password);
  await page.goto(path);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await submit(page, "Log On");
}

/**
 * A logon with its second step by SMS (postmasters, and employees whose
 * domain requires it): the password, "Send code", the code read from the
 * Twilio stub, Verify.
 */
export async function logOnWithSmsCode(
  page: Page,
  email: string,
  password: string,
  mobile: string,
  opts: { trust?: boolean; path?: string } = {},
): Promise<void> {
  await logOn(page, email, password, opts.path);
  await expect(page.getByRole("heading", { name: "Two-step verification" })).toBeVisible();
  const after = Date.now();
  await submit(page, "Send code");
  const code = await latestCode(mobile, after);
  await page.getByLabel("SMS verification code", { exact: true }).fill(code);
  const form = page.locator("form", { has: page.getByLabel("SMS verification code", { exact: true }) });
  if (opts.trust) await form.getByLabel("Trust this browser for 30 days").check();
  await form.getByRole("button", { name: "Verify" }).click();
}

/**
 * "Set up an authenticator app" on Account Security or Console Password: the
 * section opened (it starts open for an account that must set up two-step
 * logon), the account's own password, "Continue"; returns the QR code's key.
 */
export async function startAuthenticatorSetup(page: Page, password: string, passwordLabel = "Current password"): Promise<string> {
  const section = page.locator("details", { has: page.locator("summary", { hasText: "Set up an authenticator app" }) });
  if ((await section.getAttribute("open")) === null) await section.locator("summary").click();
  await section.getByLabel(passwordLabel, { exact: true }).fill(password);
  await section.getByRole("button", { name: "Continue" }).click();
  const key = (await page.getByTestId("totp-key").textContent())!.trim();
  registerSecret("codes", key);
  return key;
}

/**
 * The second logon step by the authenticator app: waits until the step the
 * app's last accepted code used is over (a step is accepted once), then
 * enters the app's current code and Verify.
 */
export async function verifyWithAuthenticatorApp(
  page: Page,
  owner: { kind: "mail" | "cloud"; id: string },
  code: () => string,
): Promise<void> {
  const { getDb } = await import("@/server/db");
  const select = { where: { id: owner.id }, select: { totpLastStep: true } };
  const { totpLastStep } =
    owner.kind === "mail" ? await getDb().mailAccount.findUniqueOrThrow(select) : await getDb().cloudAccount.findUniqueOrThrow(select);
  await expect.poll(() => Math.floor(Date.now() / 30_000), { timeout: 35_000 }).toBeGreaterThan(totpLastStep ?? 0);
  const form = page.locator("form", { has: page.getByLabel("Authenticator app code") });
  await form.getByLabel("Authenticator app code").fill(code());
  await form.getByRole("button", { name: "Verify" }).click();
}

/** The page's own alert (Next's route announcer also has role="alert"). */
export function formAlert(page: Page) {
  return page.locator('[role="alert"]:not(#__next-route-announcer__)');
}

let counter = 0;

/** A new employee of example.com with its own address, so tests do not disturb each other. */
export async function createEmployee(
  opts: { name?: string; password?: string; mobile?: string | null; answers?: [string, string, string] } = {},
) {
  const { getDb } = await import("@/server/db");
  const { createMailAccount } = await import("@/server/accounts/create-mail-account");
  const { setSecurityQuestions } = await import("@/server/accounts/set-security-questions");
  const { DEMO_QUESTIONS } = await import("@/server/seed/demo-data");
  const domain = await getDb().domain.findUniqueOrThrow({ where: { name: "example.com" }, select: { id: true } });
  const local = `e2e${Date.now().toString(36)}${counter++}`;
  const password = opts.password ?? "Tall#Forest2026";
  const created = await createMailAccount({
    domainId: domain.id,
    localPart: local,
    displayName: opts.name ?? `E2E ${local}`,
    password,
    secureMobile: opts.mobile ?? null,
  });
  if (!created.ok) throw new Error(`cannot create ${local}: ${created.error}`);
  registerSecret("passwords", password);
  registerSecret("phones", opts.mobile);
  for (const answer of opts.answers ?? []) registerSecret("answers", answer);
  if (opts.answers) {
    const answers = opts.answers;
    await setSecurityQuestions(
      created.id,
      DEMO_QUESTIONS.map((question, i) => ({ question, answer: answers[i] })),
    );
  }
  return { id: created.id, address: created.address, password };
}

/**
 * `signIn(email)` opens a session for the test's page without the logon form
 * (support/sessions.ts); `signIn(email, { kind: "console" })` for an operator.
 * `secrets.register(kind, value)`: a secret the test uses that no helper saw (support/secrets.ts).
 * Automatically, every browser context of a test registers the secret fields of the forms it sends,
 * and after a worker's tests the codes of the outbox's mails (the console provider's, in the database).
 */
export const test = base.extend<
  {
    signIn: (login: string, opts?: { kind?: SessionKind; page?: Page; path?: string }) => Promise<void>;
    secrets: { register: typeof registerSecret };
    typedSecrets: void;
  },
  { outboxSecrets: void }
>({
  signIn: async ({ page }, use) => {
    await use(async (login, opts = {}) => {
      const target = opts.page ?? page;
      await openSession(target.context(), opts.kind ?? "mail", login);
      if (opts.path) await target.goto(opts.path);
    });
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  secrets: async ({}, use) => use({ register: registerSecret }),
  typedSecrets: [
    async ({ context, browser }, use) => {
      watchForms(context);
      // Contexts a spec opens itself (a second browser, another language) are watched too.
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args) => {
        const created = await newContext(...args);
        watchForms(created);
        return created;
      };
      await use();
      browser.newContext = newContext;
    },
    { auto: true },
  ],
  outboxSecrets: [
    // eslint-disable-next-line no-empty-pattern -- as above
    async ({}, use) => {
      await use();
      const { getDb } = await import("@/server/db");
      const mails = await getDb()
        .emailMessage.findMany({ select: { body: true } })
        .catch(() => []);
      for (const { body } of mails) for (const m of body.matchAll(/(?<!\d)\d{6}(?!\d)/g)) registerSecret("codes", m[0]);
    },
    { scope: "worker", auto: true },
  ],
});
export { expect };
