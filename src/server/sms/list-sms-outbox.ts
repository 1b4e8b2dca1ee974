import "server-only";
import { getEnv } from "@/env";
import { getDb } from "@/server/db";

/**
 * The outbox shows code-carrying bodies, so it exists only where no real SMS
 * is sent and no real user is served: the console provider on a local run
 * (`npm start` / `npm run dev` with no APP_URL, or an APP_URL on this machine).
 * A deployment with a public APP_URL never has it, whatever the provider.
 */
export function isSmsOutboxAvailable(): boolean {
  const env = getEnv();
  if (env.SMS_PROVIDER !== "console") return false;
  if (!env.APP_URL) return true;
  return ["localhost", "127.0.0.1", "[::1]"].includes(new URL(env.APP_URL).hostname);
}

/** The latest messages, newest first, for the local-development outbox page. */
export async function listSmsOutbox(limit = 50) {
  return getDb().smsMessage.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, to: true, purpose: true, status: true, body: true, errorCode: true, createdAt: true },
  });
}
