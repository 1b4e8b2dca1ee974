import { logger } from "@/server/observability/logger";
import { startExpiryReminderSweep } from "@/server/passwords/expiry-reminder-sweep";
import { prepareDummyHash } from "@/server/security/password-hash";

/**
 * Start-up of the app's server process (Node.js only):
 * - Postkey must be served by its own HTTP server (src/runtime/app-server.ts):
 *   under `next start` a client could choose its own X-Forwarded-For and so
 *   its own IP for every per-IP limit and the audit log. Refuse to serve.
 * - The dummy password hash used for unknown addresses is made now, so the
 *   first unknown-address logon costs what a known one does.
 * - The password expiry reminders' sweep is scheduled (every
 *   PASSWORD_REMINDER_INTERVAL_MINUTES, one instance at a time).
 */
if (process.env.POSTKEY_HTTP_SERVER !== "1") {
  logger().fatal(
    "Postkey must be started with `npm start` (src/runtime/app-server.ts), not `next start`: only its own HTTP server sets the client IP from the socket and TRUST_PROXY.",
  );
  logger().flush();
  process.exit(1);
}
await prepareDummyHash();
startExpiryReminderSweep();
