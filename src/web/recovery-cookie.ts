import "server-only";
import { deleteCookie, readCookie, writeCookie } from "@/web/cookies";
import { RECOVERY_COOKIE } from "@/server/recovery/start-recovery";

/**
 * The browser holds only the flow's token (its id and a browser key whose
 * HMAC the row keeps: load-recovery-flow.ts), HttpOnly, SameSite=Strict,
 * `__Host-` on HTTPS; everything else about the flow stays in its row.
 */
export function readRecoveryFlowId(): Promise<string | undefined> {
  return readCookie(RECOVERY_COOKIE.name);
}

/** Server actions and route handlers only (pages cannot set cookies). */
export function setRecoveryCookie(flowToken: string): Promise<void> {
  return writeCookie(RECOVERY_COOKIE.name, flowToken, { sameSite: RECOVERY_COOKIE.sameSite, maxAgeSec: RECOVERY_COOKIE.maxAgeSec });
}

export function clearRecoveryCookie(): Promise<void> {
  return deleteCookie(RECOVERY_COOKIE.name);
}
