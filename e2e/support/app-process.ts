import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import { appProcessEnv } from "@/runtime/app-process-env";
import { E2E_LOG_DIR } from "./e2e-env";

/**
 * One production app process (src/runtime/app-server.ts on the build in .next),
 * for specs that need their own instances: a deployment profile, two
 * instances behind a proxy, a database that goes away. Its output is kept in
 * memory for assertions and written to test-results/logs/ with the other
 * servers' logs (the log-secrets check reads them all after the run).
 */
const root = path.resolve(import.meta.dirname, "../..");
export const LOG_DIR = path.join(root, E2E_LOG_DIR);

export interface AppProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** Resolves with the exit code once it has exited. */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Variables the e2e runner sets for its own server that another instance must not inherit. */
const NOT_INHERITED = /^(APP_ENV|CAPTCHA_TEST_MODE|NODE_OPTIONS|POSTKEY_.*|REDIS_URL|LOG_LEVEL|METRICS_TOKEN|TRUST_PROXY)$/;

export async function startApp(opts: { name: string; port: number; env: Record<string, string | undefined> }): Promise<AppProcess> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !NOT_INHERITED.test(k)));
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "src", "runtime", "app-server.ts")], {
    cwd: root,
    env: appProcessEnv({ ...inherited, NODE_ENV: "production", PORT: String(opts.port), ...opts.env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  mkdirSync(LOG_DIR, { recursive: true });
  const file = createWriteStream(path.join(LOG_DIR, `${process.env.E2E_RUN_ID ?? "run"}-${opts.name}-${opts.port}.log`), { flags: "a" });
  let output = "";
  const collect = (d: Buffer) => {
    output += d.toString();
    file.write(d);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      file.end();
      resolve(code);
    }),
  );
  const deadline = Date.now() + 60_000;
  while (!output.includes(`listening on port ${opts.port}`)) {
    if (child.exitCode !== null) throw new Error(`${opts.name} exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`${opts.name} did not start in 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `http://localhost:${opts.port}`,
    port: opts.port,
    child,
    output: () => output,
    exited,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
