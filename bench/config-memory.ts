import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { stripTypeScriptTypes } from "node:module";
import os from "node:os";
import path from "node:path";
import { processRssMiB } from "./cpu";
import { startServer } from "./http-server";
import { median, round } from "./stats";

/**
 * What reading next.config.ts costs the production server (ADR 0006, docs/performance.md): its
 * RSS and thread count at start (healthy, then three loads of /login), with
 * the config read as shipped (never through SWC), read through SWC (what Next
 * does for a custom server unless told otherwise), and as the plain
 * next.config.mjs it replaced. The variants run interleaved, round after
 * round, on the same build and database; each figure is the median.
 * Target: the shipped way within 5 MiB of the .mjs.
 */
const root = path.resolve(import.meta.dirname, "..");
const TARGET_MIB = 5;

interface Variant {
  name: string;
  /** The app's folder: this project, or a copy of it with next.config.mjs instead of next.config.ts. */
  dir: string;
  env: Record<string, string>;
}

export interface ConfigMemoryResult {
  name: "config-memory";
  rounds: number;
  variants: { name: string; rssMiB: number[]; threads: number[]; swcMapped: boolean[]; medianRssMiB: number; medianThreads: number }[];
  shippedMinusMjsMiB: number;
  pass: boolean;
}

export async function benchConfigMemory(databaseUrl: string, rounds: number): Promise<ConfigMemoryResult> {
  const mjsDir = await folderWithMjsConfig();
  const variants: Variant[] = [
    { name: "next.config.ts, as shipped", dir: root, env: {} },
    // app-server.ts sets the loader's switch only when it is unset: "false" sends the config through SWC.
    { name: "next.config.ts through SWC", dir: root, env: { __NEXT_NODE_NATIVE_TS_LOADER_ENABLED: "false" } },
    { name: "next.config.mjs", dir: mjsDir, env: {} },
  ];
  const samples = variants.map(() => ({ rss: [] as number[], threads: [] as number[], swc: [] as boolean[] }));
  try {
    for (let r = 0; r < rounds; r++) {
      for (const [i, v] of variants.entries()) {
        const server = await startServer(databaseUrl, { metricsToken: "bench-config-memory-token", profDir: null, dir: v.dir, env: v.env });
        try {
          for (let n = 0; n < 3; n++) await (await fetch(`${server.base}/login`)).text();
          await new Promise((resolve) => setTimeout(resolve, 2000));
          samples[i].rss.push(processRssMiB(server.pid));
          samples[i].threads.push(threadCount(server.pid));
          samples[i].swc.push(/next-swc|@next\/swc/.test(readFileSync(`/proc/${server.pid}/maps`, "utf8")));
        } finally {
          await server.stop();
        }
      }
    }
  } finally {
    await rm(mjsDir, { recursive: true, force: true });
  }
  const out = variants.map((v, i) => ({
    name: v.name,
    rssMiB: samples[i].rss.map((x) => round(x, 1)),
    threads: samples[i].threads,
    swcMapped: samples[i].swc,
    medianRssMiB: round(median(samples[i].rss), 1),
    medianThreads: median(samples[i].threads),
  }));
  const shippedMinusMjsMiB = round(out[0].medianRssMiB - out[2].medianRssMiB, 1);
  return {
    name: "config-memory",
    rounds,
    variants: out,
    shippedMinusMjsMiB,
    pass: shippedMinusMjsMiB <= TARGET_MIB && !out[0].swcMapped.some(Boolean),
  };
}

export function printConfigMemory(r: ConfigMemoryResult): void {
  console.log(`\nThe production server at start, by how it reads its config (${r.rounds} rounds, interleaved; median):`);
  for (const v of r.variants) {
    console.log(
      `  ${v.name.padEnd(28)} RSS ${String(v.medianRssMiB).padStart(6)} MiB  threads ${v.medianThreads}  SWC mapped: ${v.swcMapped.some(Boolean) ? "yes" : "no"}   [${v.rssMiB.join(", ")}]`,
    );
  }
  console.log(
    `  as shipped − .mjs: ${r.shippedMinusMjsMiB} MiB (target ≤ ${TARGET_MIB} MiB, SWC not mapped): ${r.pass ? "met" : "MISSED"}`,
  );
}

function threadCount(pid: number): number {
  return Number(/Threads:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
}

/** This project's folder again, by links, with next.config.ts turned into next.config.mjs (its types stripped by Node). */
async function folderWithMjsConfig(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "postkey-config-mjs-"));
  for (const entry of await readdir(root)) {
    if (entry === "next.config.ts" || entry === ".git") continue;
    await symlink(path.join(root, entry), path.join(dir, entry));
  }
  const source = await readFile(path.join(root, "next.config.ts"), "utf8");
  await writeFile(path.join(dir, "next.config.mjs"), stripTypeScriptTypes(source));
  return dir;
}
