import type { Instrumentation } from "next";

/**
 * Next's instrumentation hook: runs once when the app's server process
 * starts. The checks need Node.js (instrumentation-node.ts).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./instrumentation-node");
}

/**
 * Every error Next meets while rendering a page or running a route handler
 * or action: one that says the database is unreachable starts the outage
 * mode (db.ts), so the requests after it get the 503 page at once.
 */
export const onRequestError: Instrumentation.onRequestError = async (error) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { noteDatabaseError } = await import("@/server/db");
  noteDatabaseError(error);
};
