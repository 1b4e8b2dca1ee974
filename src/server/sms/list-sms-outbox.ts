import "server-only";
import { getEnv } from "@/env";
import { getDb } from "@/server/db";

/**
 * The outbox shows code-carrying bodies, so it exists only where no real SMS
 * is sent and no real user is served: the console provider on a local run
 * (src/env.ts runProfile). A deployment never has it, whatever the provider.
 */
export function isSmsOutboxAvailable(): boolean {
  const env = getEnv();
  return env.profile === "local" && env.SMS_PROVIDER === "console";
}

/** The latest messages, newest first, for the local-development outbox page. */
export async function listSmsOutbox(limit = 50) {
  return getDb().smsMessage.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, to: true, purpose: true, status: true, body: true, errorCode: true, createdAt: true },
  });
}
