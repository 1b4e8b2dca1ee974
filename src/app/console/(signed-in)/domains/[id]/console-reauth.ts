import "server-only";
import { z } from "zod";
import { passwordInput } from "@/lib/fields";
import type { Operator } from "@/server/auth/load-session-account";
import { now } from "@/server/clock";
import { isReauthFresh } from "@/server/console/reauth-window";

/**
 * The form of a console change that asks for the operator's own password
 * (the 5-minute re-authentication): within 5 minutes of the last confirmation
 * it may be left empty (the domain function decides); otherwise it is required
 * like the other fields, so an empty form shows every problem at once.
 */
export function withConsolePassword<S extends z.ZodRawShape>(shape: S) {
  const recent = z.object({
    ...shape,
    consolePassword: z
      .union([z.literal(""), passwordInput("Fields.errors.consolePasswordRequired")])
      .optional()
      .default(""),
  });
  const asked = z.object({ ...shape, consolePassword: passwordInput("Fields.errors.consolePasswordRequired") });
  return ({ operator }: { operator: Operator }) => (isReauthFresh(operator.reauthAt, now().getTime()) ? recent : asked);
}
