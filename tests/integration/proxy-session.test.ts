import { unsealData } from "iron-session";
import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { proxy } from "@/proxy";
import { passwordMap } from "@/server/auth/session-options";
import type { SessionData } from "@/server/auth/session-policy";
import { HOUR, MINUTE, SECOND } from "@/server/clock";
import { requireMailUser, requireOperator } from "@/web/guards";
import { startSession } from "@/web/session";
import { accountByAddress, freshDemo, meta, operatorByEmail, useFakeClock } from "../support/fixtures";
import { DEMO } from "../support/demo-accounts";

/**
 * Session limits through the real request path (SECURITY.md "Sessions"):
 * the logon's cookie (startSession), src/proxy.ts sliding and re-sealing it,
 * then the page's own check of the cookie the browser sent (require*(),
 * which redirects to the logon page). The limits are SECURITY.md's numbers,
 * written here, not read from the code under test.
 */

/** The browser's cookies. Outside Next.js there is no request: Next's cookies() and headers() read this jar. */
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) as string } : undefined),
    set: (name: string | { name: string; value: string; maxAge?: number }, value?: string, opts?: { maxAge?: number }) => {
      const c = typeof name === "string" ? { name, value: value ?? "", maxAge: opts?.maxAge } : name;
      if (c.maxAge === 0) jar.delete(c.name);
      else jar.set(c.name, c.value);
    },
  }),
  headers: async () => new Headers(),
}));

const LIMITS = {
  mail: { idle: 30 * MINUTE, absolute: 12 * HOUR, cookie: "postkey_mail", page: "/account", logon: "/login" },
  console: { idle: 15 * MINUTE, absolute: 8 * HOUR, cookie: "postkey_console", page: "/console", logon: "/console/login" },
} as const;

let clock: ReturnType<typeof useFakeClock>;
beforeEach(async () => {
  await freshDemo();
  clock = useFakeClock();
  jar.clear();
});
afterEach(() => vi.useRealTimers());

describe.each(["mail", "console"] as const)("%s sessions through src/proxy.ts", (kind) => {
  const { idle, absolute, cookie, page, logon } = LIMITS[kind];
  let loggedInAt = 0;

  async function logOn() {
    const account = kind === "mail" ? await accountByAddress(DEMO.alice.email) : await operatorByEmail(DEMO.ops.email);
    await startSession(kind, account, meta);
    loggedInAt = Date.now();
    expect(jar.get(cookie)).toEqual(expect.any(String));
  }

  /** The page's check: a redirect to the logon page (a thrown NEXT_REDIRECT) when the session is refused. */
  async function pageLetsIn(): Promise<boolean> {
    try {
      await (kind === "mail"
        ? requireMailUser({ allowMustChange: true, allowTwoStepSetup: true, allowLogOnAgain: true })
        : requireOperator());
      return true;
    } catch (e) {
      expect((e as { digest?: string }).digest).toContain(`;${logon};`);
      return false;
    }
  }

  /**
   * One page view at the fake clock's now: the proxy sees the browser's cookie and may re-seal it (the browser
   * keeps the new one), the page checks the cookie that was sent. Every re-seal carries this moment as its
   * last activity, and keeps the logon time and the cookie's end (the absolute limit never slides).
   */
  async function visit(): Promise<{ resealed: boolean; letIn: boolean }> {
    const sent = jar.get(cookie);
    const response = await proxy(new NextRequest(`http://localhost:3000${page}`, { headers: { cookie: `${cookie}=${sent}` } }));
    const letIn = await pageLetsIn();
    const set = response.cookies.get(cookie);
    if (set) {
      const data = await unsealData<SessionData>(set.value, { password: passwordMap() });
      expect(data).toMatchObject({ lastSeenAt: Date.now(), loggedInAt });
      expect(set).toMatchObject({ httpOnly: true, path: "/", maxAge: Math.floor((loggedInAt + absolute - Date.now()) / 1000) });
      jar.set(cookie, set.value);
    }
    return { resealed: !!set, letIn };
  }

  it("a request just inside the idle limit passes and is re-sealed; the next just inside the slid limit passes; just past it is refused", async () => {
    await logOn();
    const logonCookie = jar.get(cookie);
    clock.advance(idle - SECOND);
    expect(await visit()).toEqual({ resealed: true, letIn: true });
    clock.advance(idle - SECOND); // 2 × (idle − 1 s) after the logon: open only because the cookie slid
    expect(await visit()).toEqual({ resealed: true, letIn: true });
    const slid = jar.get(cookie);
    jar.set(cookie, logonCookie as string);
    expect(await visit()).toEqual({ resealed: false, letIn: false }); // the logon's own cookie has been idle too long
    jar.set(cookie, slid as string);
    clock.advance(idle + SECOND);
    expect(await visit()).toEqual({ resealed: false, letIn: false });
  });

  it("a request just past the idle limit after the logon is refused, and nothing is re-sealed", async () => {
    await logOn();
    clock.advance(idle + SECOND);
    expect(await visit()).toEqual({ resealed: false, letIn: false });
  });

  it("the absolute limit never slides: kept busy, the session still ends at its maximum age", async () => {
    await logOn();
    const end = loggedInAt + absolute;
    while (Date.now() + idle < end - SECOND) {
      clock.advance(idle - SECOND);
      expect(await visit()).toEqual({ resealed: true, letIn: true });
    }
    clock.set(new Date(end - SECOND));
    expect((await visit()).letIn).toBe(true);
    clock.set(new Date(end + SECOND)); // active moments ago, but past the maximum age
    expect((await visit()).letIn).toBe(false);
    // A minute on (a re-seal is due, the idle limit not reached): a session past its maximum age is not re-sealed.
    clock.set(new Date(end + MINUTE));
    expect(await visit()).toEqual({ resealed: false, letIn: false });
  });
});
