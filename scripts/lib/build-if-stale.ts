import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Inputs of `next build`: when any is newer than .next/BUILD_ID the build is stale. */
const INPUTS = ["src", "public", "next.config.mjs", "package.json", "postcss.config.mjs", "tsconfig.json", "prisma/schema.prisma"];

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

function nextBin(root: string): string {
  return path.join(root, "node_modules", "next", "dist", "bin", "next");
}

export function buildIfStale(root: string, env: NodeJS.ProcessEnv): void {
  if (!isBuildStale(root)) return;
  console.log("Building the app (the build is missing or older than the sources)…");
  const r = spawnSync(process.execPath, [nextBin(root), "build"], { cwd: root, env: { ...env, NODE_ENV: "production" }, stdio: "inherit" });
  if (r.status !== 0) throw new Error("next build failed");
}
