/**
 * The README's first command, run the way a newcomer runs it (.ci/run, before
 * npm test; `npm run check:first-start` by hand): this commit cloned into a
 * fresh folder (no node_modules, no .next, no .data), `npm install` then
 * `npm start` with an empty environment (PATH and HOME only) and a free PORT.
 * It waits for /login, /forgot-password and /console/login, logs the demo
 * postmaster on in Chromium with the SMS code read from /dev/sms, prints the
 * seconds each part took, stops the server with SIGTERM and checks that it
 * exits 0 and leaves no process behind. Any failure exits 1 with the
 * server's last lines.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";

const FIRST_PAGE_TIMEOUT_MS = 15 * 60_000;
const STOP_TIMEOUT_MS = 40_000;
const POSTMASTER = { email: "postmaster@example.com", password: "Admin#Domain2026", mobileEnd: "0100" };

const root = path.resolve(import.meta.dirname, "..");
const started = Date.now();
const elapsed = (from = started) => `${((Date.now() - from) / 1000).toFixed(1)} s`;
const say = (line: string) => console.log(`[first start] ${line}`);

const work = mkdtempSync(path.join(os.tmpdir(), "postkey-first-start-"));
const dir = path.join(work, "postkey");
// Nothing of the project's: PATH, HOME and the port. What the machine itself needs to reach the package
// registry is kept (its certificate authorities and proxies, where set): a newcomer's shell has those too.
// No NODE_ENV either (a newcomer's shell has none), although Next's types declare it in every ProcessEnv.
const MACHINE = /^(NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|SSL_CERT_DIR|(HTTPS?|NO)_PROXY|(https?|no)_proxy)$/;
const env = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => MACHINE.test(k))),
  PATH: process.env.PATH ?? "",
  HOME: process.env.HOME ?? os.homedir(),
  PORT: String(await freePort()),
} as Partial<NodeJS.ProcessEnv> as NodeJS.ProcessEnv;
const base = `http://localhost:${env.PORT}`;
let server: ChildProcess | undefined;
let output = "";

try {
  const commit = git(["rev-parse", "HEAD"], root);
  git(["clone", "--quiet", "--no-hardlinks", root, dir], work);
  git(["checkout", "--quiet", "--detach", commit], dir);
  say(`commit ${commit.slice(0, 12)} cloned into ${dir}; environment: ${Object.keys(env).join(", ")} (PORT=${env.PORT})`);

  const installStarted = Date.now();
  const install = spawnSync("npm", ["install"], { cwd: dir, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (install.status !== 0) fail(`npm install exited ${install.status}`, `${install.stdout}\n${install.stderr}`);
  say(`npm install: ${elapsed(installStarted)}`);

  const startStarted = Date.now();
  const npmStart = spawn("npm", ["start"], { cwd: dir, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  server = npmStart;
  npmStart.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  npmStart.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  await waitForFirstPage(npmStart);
  say(`npm start: the first page answered after ${elapsed(startStarted)} (${elapsed()} from the clone)`);

  for (const [page, words] of [
    ["/login", "Forgot Password"],
    ["/forgot-password", "Forgot Password"],
    ["/console/login", "Email Console"],
  ] as const) {
    const res = await fetch(`${base}${page}`);
    const html = await res.text();
    if (res.status !== 200 || !html.includes(words)) fail(`${page} answered ${res.status} without "${words}"`);
    say(`${page}: 200`);
  }

  await logOnAsPostmaster();
  say("the demo postmaster logged on (password, then the SMS code from /dev/sms) and opened Employee Accounts");

  const code = await stop(npmStart);
  if (code !== 0) fail(`npm start exited ${code} after SIGTERM (expected 0)`);
  const left = leftovers(npmStart.pid as number);
  if (left) fail(`processes of npm start still run after it exited:\n${left}`);
  say(`SIGTERM: npm start exited 0 and left no process behind. All done in ${elapsed()}.`);
  rmSync(work, { recursive: true, force: true });
} catch (e) {
  if (server?.pid) killGroup(server.pid);
  console.error(`[first start] FAILED: ${(e as Error).message}`);
  console.error(`[first start] the server's last lines:\n${lastLines(output, 60)}`);
  process.exit(1);
}

function git(args: string[], cwd: string): string {
  const r = spawnSync("git", args, { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
}

function fail(message: string, detail = ""): never {
  throw new Error(detail ? `${message}\n${lastLines(detail, 40)}` : message);
}

function lastLines(text: string, n: number): string {
  return text.trimEnd().split("\n").slice(-n).join("\n");
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitForFirstPage(child: ChildProcess): Promise<void> {
  const deadline = Date.now() + FIRST_PAGE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) fail(`npm start exited ${child.exitCode} before serving`);
    const status = await fetch(`${base}/login`, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  fail(`no page within ${FIRST_PAGE_TIMEOUT_MS / 60_000} minutes`);
}

/** As the README says: the password on /login, "Send code", the code from /dev/sms, Verify. */
async function logOnAsPostmaster(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: systemChromium(),
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({ baseURL: base });
    await page.goto("/login");
    await page.getByLabel("Email address").fill(POSTMASTER.email);
    await page.getByLabel("Password", { exact: true }).fill(POSTMASTER.password);
    await page.getByRole("button", { name: "Log On" }).click();
    await page.getByRole("heading", { name: "Two-step verification" }).waitFor();
    await page.getByRole("button", { name: "Send code" }).click();
    const code = await codeFromOutbox(await browser.newPage({ baseURL: base }));
    await page.getByLabel("SMS verification code", { exact: true }).fill(code);
    await page
      .locator("form", { has: page.getByLabel("SMS verification code", { exact: true }) })
      .getByRole("button", { name: "Verify" })
      .click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    await page.goto("/admin/accounts");
    await page.getByRole("heading", { level: 1, name: "Employee Accounts" }).waitFor();
  } finally {
    await browser.close();
  }
}

/** The logon code sent to the postmaster's mobile, as /dev/sms lists it (the demo data sends it no other SMS). */
async function codeFromOutbox(page: Page): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    await page.goto("/dev/sms");
    const rows = page.getByRole("row").filter({ hasText: POSTMASTER.mobileEnd });
    const code = (await rows.count()) ? /\b(\d{6})\b/.exec(await rows.first().innerText())?.[1] : undefined;
    if (code) return code;
    if (Date.now() > deadline) fail(`no code for the postmaster's mobile on /dev/sms:\n${await page.locator("main").innerText()}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

function systemChromium(): string | undefined {
  return (process.env.PATH ?? "")
    .split(path.delimiter)
    .flatMap((d) => ["chromium", "chromium-browser"].map((name) => path.join(d, name)))
    .find((p) => existsSync(p));
}

/** SIGTERM to npm itself, as a process manager sends it; its exit code. */
async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.kill("SIGTERM");
  const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), STOP_TIMEOUT_MS).unref());
  const result = await Promise.race([exited, timeout]);
  if (result === "timeout") fail(`npm start did not exit within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM`);
  // Its children close their output last.
  await new Promise((r) => setTimeout(r, 1000));
  return result;
}

/** Processes still running in npm start's process group (zombies left for init to reap do not count). */
function leftovers(group: number): string {
  const ps = spawnSync("ps", ["-eo", "pid=,pgid=,stat=,args="], { encoding: "utf8" });
  return ps.stdout
    .split("\n")
    .filter((line) => {
      const [, pgid, stat] = line.trim().split(/\s+/);
      return pgid === String(group) && !stat.startsWith("Z");
    })
    .join("\n");
}

function killGroup(group: number): void {
  try {
    process.kill(-group, "SIGKILL");
  } catch {
    // already gone
  }
}
