import "server-only";
import { readCookie, writeCookie } from "@/web/cookies";
import { CAPTCHA_TTL_MS } from "@/server/captcha/captcha-text";

/** Holds the id of the challenge whose image this browser was shown (never the answer). */
const CAPTCHA_COOKIE = "postkey_captcha";

/** Route handlers only: names the challenge just drawn (HttpOnly, `__Host-` on HTTPS, 120 s). */
export function setCaptchaCookie(challengeId: string): Promise<void> {
  return writeCookie(CAPTCHA_COOKIE, challengeId, { sameSite: "lax", maxAgeSec: CAPTCHA_TTL_MS / 1000 });
}

/** The challenge id sent with this request, for verifyCaptcha(). */
export function readCaptchaId(): Promise<string | undefined> {
  return readCookie(CAPTCHA_COOKIE);
}
