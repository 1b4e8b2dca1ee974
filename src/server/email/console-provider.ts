import "server-only";
import { newId } from "@/server/ids";
import { componentLogger } from "@/server/observability/logger";
import { maskEmail } from "@/lib/email";
import type { EmailProvider } from "./provider";

/**
 * Local runs: nothing leaves the machine. The message is stored (through
 * sendEmail, in the EmailMessage table that /dev/mail shows); the log says
 * one was written, to a masked address, never its text or code.
 */
export function createConsoleEmailProvider(): EmailProvider {
  return {
    name: "console",
    async send(message) {
      componentLogger("email").info({ provider: "console", recipient: maskEmail(message.to) }, "email written to the outbox (/dev/mail)");
      return { ok: true, providerId: `console-${newId()}` };
    },
  };
}
