import "server-only";
import { cookies, headers } from "next/headers";
import { isHttps } from "@/server/auth/session-options";
import { RECOVERY_COOKIE } from "./recovery-policy";

/**
 * The browser holds only the flow's 128-bit id, HttpOnly, scoped to the
 * wizard's path; everything else about the flow stays in its row.
 */
export async function readRecoveryFlowId(): Promise<string | undefined> {
  return (await cookies()).get(RECOVERY_COOKIE.name)?.value;
}

/** Server actions and route handlers only (pages cannot set cookies). */
export async function setRecoveryCookie(flowId: string): Promise<void> {
  const secure = isHttps((await headers()).get("x-forwarded-proto"));
  (await cookies()).set(RECOVERY_COOKIE.name, flowId, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: RECOVERY_COOKIE.path,
    maxAge: RECOVERY_COOKIE.maxAgeSec,
  });
}

export async function clearRecoveryCookie(): Promise<void> {
  (await cookies()).delete({ name: RECOVERY_COOKIE.name, path: RECOVERY_COOKIE.path });
}
