import "server-only";
import { componentLogger } from "@/server/observability/logger";

/**
 * Clears rows no flow needs any more, on about 1 call in 100 rather than on a timer (every app instance may
 * run it; the caller's index keeps it cheap). Best effort: a failure is logged as `failed`, never the caller's.
 */
export async function purgeSometimes(component: string, failed: string, purge: () => Promise<unknown>): Promise<void> {
  if (Math.random() >= 0.01) return;
  try {
    await purge();
  } catch (e) {
    componentLogger(component).error({ err: e }, failed);
  }
}
