import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { appProcessEnv } from "@/runtime/app-process-env";

/** `bench -- http`'s server: the production build started as npm start starts it. */

const root = path.resolve(import.meta.dirname, "..");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The production server on `url`, until stopped; its RSS is read from /proc while it runs.
 * `dir`: the app's folder (default: this project's); `env`: settings on top of the benchmark's.
 */
export async function startServer(
  databaseUrl: string,
  opts: { metricsToken: string; profDir: string | null; dir?: string; env?: Record<string, string> },
): Promise<{ base: string; pid: number; stop: () => Promise<void> }> {
  const port = await freePort();
  // profDir: the server writes a V8 CPU profile there when it exits (--cpu-prof DIR).
  const prof = opts.profDir ? ["--cpu-prof", "--cpu-prof-dir", opts.profDir] : [];
  const child = spawn(process.execPath, [...prof, "--import", "tsx", path.join(root, "src", "runtime", "app-server.ts")], {
    cwd: opts.dir ?? root,
    env: appProcessEnv({
      ...process.env,
      NODE_ENV: "production",
      NODE_OPTIONS: "",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      APP_ENV: "test",
      APP_URL: `http://127.0.0.1:${port}`,
      CAPTCHA_TEST_MODE: "1",
      SMS_PROVIDER: "console",
      EMAIL_PROVIDER: "console",
      LOG_LEVEL: "warn",
      // As behind a load balancer: each request's client is the X-Forwarded-For address the bench gives it.
      TRUST_PROXY: "1",
      METRICS_TOKEN: opts.metricsToken,
      ...opts.env,
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  // Ready when its liveness probe answers (its log is kept at warn: a line per request would weigh on the run).
  const deadline = Date.now() + 60_000;
  const live = () =>
    fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
  while (!(await live())) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`the server did not start in 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
