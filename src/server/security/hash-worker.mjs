/**
 * The password-hashing process (src/server/security/hash-pool.ts starts it).
 *
 * argon2id is the one cost this service must pay, and it must not crowd out
 * everything else. This process runs it at the lowest CPU priority (nice 19,
 * inherited by libuv's threads, which are made after it is set). The app's
 * event loop, PostgreSQL and other page requests then run first, and hashing
 * gets the rest of the machine. Its memory stays here too: 19 MiB per hash
 * in flight is held by this process's allocator, not the app's.
 *
 * Messages: { id, op: "hash", secret, options } → { id, ok: true, value: hash };
 *           { id, op: "verify", hash, secret } → { id, ok: true, value: boolean }
 *             (false also for a malformed hash: a bad row is a wrong password, not a fault);
 *           a failure → { id, ok: false, error: message }.
 * It exits when its parent goes away (the IPC channel closes).
 */
import { readdirSync } from "node:fs";
import os from "node:os";
import argon2 from "argon2";

/**
 * Lowest priority for every thread of this process. On Linux a priority is a thread's own, and
 * libuv's pool already exists by now (loading modules uses it): each thread is set, by its id.
 */
function lowerPriority() {
  let tids = [0];
  try {
    tids = readdirSync("/proc/self/task").map(Number);
  } catch {
    // Not Linux: the process's priority is the threads' priority.
  }
  for (const tid of tids) {
    try {
      os.setPriority(tid, 19);
    } catch {
      // Not allowed to lower it (an unusual sandbox): hashing still works, only without the priority.
    }
  }
}
lowerPriority();

process.on("message", async (msg) => {
  try {
    const value =
      msg.op === "hash"
        ? await argon2.hash(msg.secret, { ...msg.options, type: argon2.argon2id })
        : await argon2.verify(msg.hash, msg.secret).catch(() => false);
    process.send({ id: msg.id, ok: true, value });
  } catch (e) {
    process.send({ id: msg.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
process.on("disconnect", () => process.exit(0));
