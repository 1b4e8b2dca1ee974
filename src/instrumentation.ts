/**
 * Next's instrumentation hook: runs once when the app's server process
 * starts. The checks need Node.js (instrumentation-node.ts).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./instrumentation-node");
}
