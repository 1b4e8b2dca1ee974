import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * One of Postkey's commands (scripts/*.ts, as npm runs them) in a clean
 * environment: PATH, HOME, this worker's DATABASE_URL, and `env`. Nothing
 * else of the test process leaks in (its secrets and APP_ENV included).
 */
export function runScript(script: string, args: string[], env: Record<string, string | undefined>) {
  return spawnSync(path.join(root, "node_modules", ".bin", "tsx"), ["--conditions=react-server", script, ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: process.env.DATABASE_URL, ...env } as unknown as NodeJS.ProcessEnv,
  });
}
