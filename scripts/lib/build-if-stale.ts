import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { buildProcessEnv } from "@/runtime/app-process-env";

/** Inputs of `next build`: when any is newer than .next/BUILD_ID the build is stale. */
const INPUTS = [
  "src",
  "public",
  "messages",
  "next.config.ts",
  "package.json",
  "postcss.config.mjs",
  "tsconfig.json",
  "prisma/schema.prisma",
];

/** With no line from the build for this long, say that it is still going (Next is silent while it type-checks). */
const QUIET_NOTICE_MS = 20_000;

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

function isBuildStale(root: string): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return INPUTS.some((p) => newestMtime(path.join(root, p)) > built);
}

/** The `next build` command line: next.config.ts is read by Node's own type stripping, as the app's process reads it. */
export function nextBuildArgs(root: string): string[] {
  return [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build", "--experimental-next-config-strip-types"];
}

/**
 * Builds the app when .next is missing or older than its sources. The build
 * runs in an environment of its own (buildProcessEnv: never the app process's
 * 256 MiB heap), prints Next's lines as they come, a line when it has been
 * quiet for a while, and how long it took.
 */
export async function buildIfStale(root: string, env: NodeJS.ProcessEnv): Promise<void> {
  if (!isBuildStale(root)) return;
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 1000);
  console.log("Building the app (the build is missing or older than the sources; about 2 minutes on 2 cores)…");
  const child = spawn(process.execPath, nextBuildArgs(root), { cwd: root, env: buildProcessEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  let lastOutput = Date.now();
  child.stdout.on("data", (d: Buffer) => {
    lastOutput = Date.now();
    process.stdout.write(d);
  });
  child.stderr.on("data", (d: Buffer) => {
    lastOutput = Date.now();
    process.stderr.write(d);
  });
  const heartbeat = setInterval(() => {
    if (Date.now() - lastOutput < QUIET_NOTICE_MS) return;
    lastOutput = Date.now();
    console.log(`  … still building (${seconds()} s so far)`);
  }, 1000);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (c) => resolve(c));
  }).finally(() => clearInterval(heartbeat));
  if (code !== 0) throw new Error(`next build failed (exit code ${code}) after ${seconds()} s`);
  console.log(`Built in ${seconds()} s.`);
}
