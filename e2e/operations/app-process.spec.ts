import { readFileSync } from "node:fs";
import os from "node:os";
import { startApp, type AppProcess } from "../support/app-process";
import { E2E_PORT, e2eDatabaseUrl, twilioStubEnv } from "../support/e2e-env";
import { expect, test } from "../support/fixtures";

/**
 * The app's process as npm start runs it (ADR 0006): a local run listens on
 * 127.0.0.1 only unless HOST says otherwise (it serves demo passwords and
 * both outboxes), and next.config.ts is read without loading SWC into it.
 */
const PORT = E2E_PORT + 8;

const localRun = (env: Record<string, string> = {}) =>
  startApp({
    name: "local-run",
    port: PORT,
    env: { DATABASE_URL: e2eDatabaseUrl(), APP_ENV: "test", SESSION_SECRET: process.env.SESSION_SECRET, ...twilioStubEnv(), ...env },
  });

/** The status of /healthz at `host`, or the connection's error code. */
async function health(host: string): Promise<number | string> {
  try {
    return (await fetch(`http://${host.includes(":") ? `[${host}]` : host}:${PORT}/healthz`, { signal: AbortSignal.timeout(5000) })).status;
  } catch (e) {
    return ((e as Error).cause as { code?: string } | undefined)?.code ?? (e as Error).message;
  }
}

/** An address of this machine that is not loopback, when it has one. */
function outsideAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && !a.internal && a.family === "IPv4")?.address;
}

test.describe.configure({ mode: "serial" });

test.describe("where a local run listens", () => {
  let app: AppProcess | undefined;
  test.afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  test("HOST unset: 127.0.0.1 only, not ::1 nor the machine's other addresses", async () => {
    app = await localRun();
    expect(app.output()).toContain(`listening on port ${PORT} (127.0.0.1)`);
    expect(await health("127.0.0.1")).toBe(200);
    expect(await health("::1")).toBe("ECONNREFUSED");
    const outside = outsideAddress();
    if (outside) expect(await health(outside)).toBe("ECONNREFUSED");
  });

  test("HOST=0.0.0.0: the machine's other addresses reach it", async () => {
    app = await localRun({ HOST: "0.0.0.0" });
    expect(app.output()).toContain(`listening on port ${PORT} (0.0.0.0)`);
    expect(await health("127.0.0.1")).toBe(200);
    const outside = outsideAddress();
    if (outside) expect(await health(outside)).toBe(200);
  });
});

/** The native libraries mapped into the app's process once it has drawn a captcha (resvg: the check reads the right process). */
async function nativeLibraries(app: AppProcess): Promise<string> {
  expect((await fetch(`${app.url}/captcha`)).status).toBe(200);
  const maps = readFileSync(`/proc/${app.child.pid}/maps`, "utf8");
  expect(maps).toContain("resvg");
  return maps;
}

test("next.config.ts is read without SWC: the compiler is never mapped into the app's process", async () => {
  let app = await localRun();
  try {
    expect(await nativeLibraries(app)).not.toMatch(/next-swc|@next\/swc/);
  } finally {
    await app.stop();
  }
  // The same check sees SWC when the config goes through it (the loader's switch off): it can fail.
  app = await localRun({ __NEXT_NODE_NATIVE_TS_LOADER_ENABLED: "false" });
  try {
    expect(await nativeLibraries(app)).toMatch(/next-swc|@next\/swc/);
  } finally {
    await app.stop();
  }
});
