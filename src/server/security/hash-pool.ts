import "server-only";
import { fork, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { getEnv } from "@/env";
import { onShutdown } from "@/server/lifecycle";
import { componentLogger } from "@/server/observability/logger";

/**
 * argon2 in its own process at the lowest CPU priority (hash-worker.mjs says
 * why). One process per app process, started on first use and again after
 * it dies; its libuv pool has a thread per core, at most
 * ARGON2_MAX_CONCURRENCY (password-hash.ts keeps the queue in front of it).
 * A job in flight when it dies fails, and the caller's request fails like
 * any other server error; nothing is retried behind its back.
 */
export interface Argon2Params {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
interface Job {
  resolve: (value: unknown) => void;
  reject: (e: Error) => void;
}

const g = globalThis as unknown as { postkeyHashPool?: { child: ChildProcess; jobs: Map<number, Job>; next: number } };

/** The worker's file: beside this module in the source tree (the server runs from the project's root). */
export function hashWorkerPath(): string {
  const file = path.resolve(process.cwd(), "src", "server", "security", "hash-worker.mjs");
  if (!existsSync(file)) throw new Error(`The password-hashing worker is missing (${file}); run Postkey from its project directory.`);
  return file;
}

function pool() {
  if (g.postkeyHashPool && g.postkeyHashPool.child.exitCode === null && g.postkeyHashPool.child.connected) return g.postkeyHashPool;
  // A thread per core: more hashes at once would only share the same cores, each holding its 19 MiB.
  const threads = String(Math.max(1, Math.min(getEnv().ARGON2_MAX_CONCURRENCY, os.availableParallelism())));
  // Not a module of the bundle: a file run by its own node process (turbopackIgnore keeps the bundler out of it).
  const child = fork(/* turbopackIgnore: true */ hashWorkerPath(), [], {
    // A small JavaScript heap (it only passes messages); two malloc arenas, which keep a hash's 19 MiB for
    // the next one. One arena gives it back after each hash, at 20 % less throughput (docs/performance.md).
    execArgv: ["--max-old-space-size=16", "--max-semi-space-size=1"],
    env: { NODE_ENV: process.env.NODE_ENV, PATH: process.env.PATH ?? "", UV_THREADPOOL_SIZE: threads, MALLOC_ARENA_MAX: "2" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    serialization: "json",
  });
  const state = { child, jobs: new Map<number, Job>(), next: 1 };
  child.on("message", (msg: Reply) => {
    const job = state.jobs.get(msg.id);
    if (!job) return;
    state.jobs.delete(msg.id);
    if (msg.ok) job.resolve(msg.value);
    else job.reject(new Error(msg.error));
    idle(state);
  });
  child.on("exit", (code, signal) => {
    if (g.postkeyHashPool === state) g.postkeyHashPool = undefined;
    if (state.jobs.size)
      componentLogger("hashing").error({ code, signal, inFlight: state.jobs.size }, "The password-hashing process stopped");
    for (const job of state.jobs.values()) job.reject(new Error(`The password-hashing process stopped (${signal ?? code})`));
    state.jobs.clear();
  });
  child.on("error", () => undefined); // reported through "exit"
  g.postkeyHashPool = state;
  idle(state);
  onShutdown("password hashing", stopHashPool);
  return state;
}

/** An idle worker does not keep the app's process alive (tests and scripts end when their work does). */
function idle(state: NonNullable<typeof g.postkeyHashPool>) {
  if (state.jobs.size) {
    state.child.ref();
    state.child.channel?.ref();
  } else {
    state.child.unref();
    state.child.channel?.unref();
  }
}

function run<T>(message: Record<string, unknown>): Promise<T> {
  const state = pool();
  const id = state.next++;
  return new Promise<T>((resolve, reject) => {
    state.jobs.set(id, { resolve: resolve as (v: unknown) => void, reject });
    idle(state);
    state.child.send({ id, ...message }, (e) => {
      if (!e) return;
      state.jobs.delete(id);
      idle(state);
      reject(e);
    });
  });
}

export const argon2Hash = (secret: string, options: Argon2Params) => run<string>({ op: "hash", secret, options });
export const argon2Verify = (hash: string, secret: string) => run<boolean>({ op: "verify", hash, secret });

/** The worker's pid (tests, the benchmark's memory figure), starting it when needed. */
export function hashWorkerPid(): number {
  return pool().child.pid as number;
}

export async function stopHashPool(): Promise<void> {
  const state = g.postkeyHashPool;
  if (!state) return;
  g.postkeyHashPool = undefined;
  if (state.child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    state.child.once("exit", () => resolve());
    // Waited for: an idle worker is unref'd, and the app's process would otherwise end before it hears back.
    state.child.ref();
    state.child.kill("SIGTERM");
  });
}
