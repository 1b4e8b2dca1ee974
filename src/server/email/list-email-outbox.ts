import "server-only";
import { getEnv } from "@/env";
import { getDb } from "@/server/db";

/**
 * The outbox shows code-carrying texts, so it exists only where no real mail
 * is sent and no real user is served: the console provider on a local run.
 */
export function isEmailOutboxAvailable(): boolean {
  const env = getEnv();
  return env.profile === "local" && env.EMAIL_PROVIDER === "console";
}

/** The latest messages, newest first, for the local-development outbox page. */
export async function listEmailOutbox(limit = 50) {
  return getDb().emailMessage.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, to: true, purpose: true, status: true, subject: true, body: true, errorCode: true, createdAt: true },
  });
}
