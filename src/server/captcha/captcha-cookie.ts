import "server-only";
import { cookies } from "next/headers";
import { CAPTCHA_TTL_MS } from "./captcha-text";

/** Holds the id of the challenge whose image this browser was shown (never the answer). */
export const CAPTCHA_COOKIE = "postkey_captcha";

export function captchaCookieOptions(secure: boolean) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure,
    path: "/",
    maxAge: CAPTCHA_TTL_MS / 1000,
  };
}

/** The challenge id sent with this request, for verifyCaptcha(). */
export async function readCaptchaId(): Promise<string | undefined> {
  return (await cookies()).get(CAPTCHA_COOKIE)?.value;
}
