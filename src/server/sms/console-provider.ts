import "server-only";
import { newId } from "@/server/ids";
import { maskPhone } from "@/lib/phone";
import { componentLogger } from "@/server/observability/logger";
import type { SmsProvider } from "./provider";

/**
 * Local development: nothing leaves the machine. The message is stored
 * (through sendSms, in the SmsMessage table that /dev/sms shows); the log
 * says one was written, to a masked number, never its text or code.
 */
export function createConsoleProvider(): SmsProvider {
  return {
    name: "console",
    async send(to, body) {
      componentLogger("sms").info(
        { provider: "console", recipient: maskPhone(to), length: body.length },
        "SMS written to the outbox (/dev/sms)",
      );
      return { ok: true, providerId: `console-${newId()}`, status: "SENT" };
    },
  };
}
