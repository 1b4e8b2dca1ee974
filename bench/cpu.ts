import { readdirSync, readFileSync } from "node:fs";

/**
 * CPU time of processes on this machine, from /proc (Linux): where a
 * benchmark's work went, in CPU milliseconds, beside its wall time. The
 * figures include every thread of a process (argon2 runs on libuv's pool).
 */
const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime of one process, in ms (NaN once it has exited). */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(rest[11]) + Number(rest[12])) * TICK_MS;
  } catch {
    return NaN;
  }
}

/** The pids of a process's children (the app's password-hashing process). */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** CPU ms of a process and its children. */
export function treeCpuMs(pid: number): number {
  return [pid, ...childPids(pid)].reduce((sum, p) => sum + (processCpuMs(p) || 0), 0);
}

/** Resident memory of one process, in MiB (0 once it has exited). */
export function processRssMiB(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Resident memory of a process and its children, in MiB. */
export function treeRssMiB(pid: number): number {
  return [pid, ...childPids(pid)].reduce((sum, p) => sum + processRssMiB(p), 0);
}

/** CPU ms of every process whose command is `name` (PostgreSQL's backends: "postgres"). */
export function commandCpuMs(name: string): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() !== name) continue;
    } catch {
      continue;
    }
    const ms = processCpuMs(Number(entry));
    if (Number.isFinite(ms)) total += ms;
  }
  return total;
}

/** This process's CPU ms (all threads). */
export const ownCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * CPU ms spent while `fn` runs by the server (with its hashing process), by the server's own process alone
 * (`app`: its event loop and Node's threads, without the hashing), PostgreSQL and this client.
 */
export async function cpuDuring<T>(
  serverPid: number,
  fn: () => Promise<T>,
): Promise<{ value: T; server: number; app: number; postgres: number; client: number }> {
  const before = { server: treeCpuMs(serverPid), app: processCpuMs(serverPid), postgres: commandCpuMs("postgres"), client: ownCpuMs() };
  const value = await fn();
  return {
    value,
    server: treeCpuMs(serverPid) - before.server,
    app: processCpuMs(serverPid) - before.app,
    postgres: commandCpuMs("postgres") - before.postgres,
    client: ownCpuMs() - before.client,
  };
}
