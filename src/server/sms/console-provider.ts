import "server-only";
import { newId } from "@/server/ids";
import type { SmsProvider } from "./provider";

/**
 * Local development: the message goes to the server log (and, through
 * sendSms, to the SmsMessage table that /dev/sms shows). Nothing leaves the machine.
 */
export function createConsoleProvider(): SmsProvider {
  return {
    name: "console",
    async send(to, body) {
      console.log(`[sms] to=${to} body=${body}`);
      return { ok: true, providerId: `console-${newId()}`, status: "SENT" };
    },
  };
}
