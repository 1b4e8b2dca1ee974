import { readdirSync, readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { hashWorkerPid, stopHashPool } from "@/server/security/hash-pool";
import { hashSecret, verifySecret } from "@/server/security/password-hash";

/** Nice value of every thread of a process (Linux: field 19 of /proc/<pid>/task/<tid>/stat). */
function threadNiceness(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).map((tid) => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
  });
}

const exited = (pid: number) =>
  new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      try {
        process.kill(pid, 0);
      } catch {
        clearInterval(poll);
        resolve();
      }
    }, 10);
  });

describe("the password-hashing process (hash-pool.ts)", () => {
  afterEach(async () => {
    await stopHashPool();
  });

  it("runs argon2 in another process whose every thread has the lowest CPU priority", async () => {
    const h = await hashSecret("Blue#Harbor2026");
    expect(await verifySecret(h, "Blue#Harbor2026")).toBe(true);
    const pid = hashWorkerPid();
    expect(pid).not.toBe(process.pid);
    const niceness = threadNiceness(pid);
    expect(niceness.length).toBeGreaterThan(1); // libuv's pool and V8's helpers, not only the main thread
    expect(new Set(niceness)).toEqual(new Set([19]));
    // The app's own threads keep their priority.
    expect(threadNiceness(process.pid)).not.toContain(19);
  });

  it("fails the jobs in flight when the process dies (never a wrong password), then starts a new one", async () => {
    const h = await hashSecret("Blue#Harbor2026");
    const pid = hashWorkerPid();
    const inFlight = verifySecret(h, "Blue#Harbor2026");
    process.kill(pid, "SIGKILL");
    await expect(inFlight).rejects.toThrow(/password-hashing process stopped/);
    await exited(pid);
    expect(await verifySecret(h, "Blue#Harbor2026")).toBe(true);
    expect(hashWorkerPid()).not.toBe(pid);
  });

  it("stops with the app (its shutdown hook), and the next hash starts it again", async () => {
    await hashSecret("Blue#Harbor2026");
    const pid = hashWorkerPid();
    await stopHashPool();
    await exited(pid);
    expect(await verifySecret(await hashSecret("x#Y1z2w3v4"), "x#Y1z2w3v4")).toBe(true);
  });
});
