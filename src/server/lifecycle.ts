/**
 * Resources that must be closed when the process stops (the database pool,
 * the rate-limit store). They are created inside Next's bundles, while the
 * HTTP server (src/runtime/app-server.ts) that drains and exits lives outside
 * them: the registry sits on globalThis, which both share. No server-only
 * import, so the server script can load it.
 */
import { logger } from "@/server/observability/logger";

type Hook = () => Promise<void> | void;

const g = globalThis as unknown as {
  postkeyShutdownHooks?: Map<string, Hook>;
  postkeyDraining?: boolean;
  postkeyDatabaseDownSince?: number;
};

/** The HTTP server is draining (SIGTERM): readiness answers 503 so a balancer stops sending requests. */
export function markDraining(): void {
  g.postkeyDraining = true;
}

export function isDraining(): boolean {
  return g.postkeyDraining === true;
}

/**
 * The database is unreachable (db.ts noteDatabaseError): until a probe
 * reaches it again, the HTTP server answers pages with the 503 page at once
 * instead of letting each request fail on its own.
 */
export function markDatabaseDown(at = Date.now()): boolean {
  if (g.postkeyDatabaseDownSince !== undefined) return false;
  g.postkeyDatabaseDownSince = at;
  return true;
}

/** Clears the outage; returns how long it lasted (ms), or null when there was none. */
export function markDatabaseUp(at = Date.now()): number | null {
  const since = g.postkeyDatabaseDownSince;
  g.postkeyDatabaseDownSince = undefined;
  return since === undefined ? null : at - since;
}

export function isDatabaseDown(): boolean {
  return g.postkeyDatabaseDownSince !== undefined;
}

/** Registers (or replaces) the closer of one named resource. */
export function onShutdown(name: string, hook: Hook): void {
  (g.postkeyShutdownHooks ??= new Map()).set(name, hook);
}

export function offShutdown(name: string): void {
  g.postkeyShutdownHooks?.delete(name);
}

/** Runs every hook once, each at most `timeoutMs`; a failing hook is logged, not fatal. */
export async function runShutdownHooks(timeoutMs = 5_000): Promise<void> {
  const hooks = [...(g.postkeyShutdownHooks ?? new Map<string, Hook>()).entries()];
  g.postkeyShutdownHooks?.clear();
  await Promise.all(
    hooks.map(async ([name, hook]) => {
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
      try {
        await Promise.race([Promise.resolve(hook()), timeout]);
      } catch (e) {
        logger().error({ err: e, resource: name }, "closing a resource at shutdown failed");
      }
    }),
  );
}
