import "server-only";
import { ipLimitKey } from "@/lib/client-ip";
import { getDb } from "@/server/db";
import { newToken } from "@/server/ids";
import { addMs, HOUR, now } from "@/server/clock";
import { hmacDigest } from "@/server/security/hmac";
import { consumeLimit } from "@/server/security/rate-limit";
import type { RequestMeta } from "@/server/request-meta";
import { CAPTCHA_TTL_MS, generateCaptchaText, normalizeCaptchaAnswer } from "./captcha-text";
import { renderCaptchaPng } from "./render-captcha";
import { purgeSometimes } from "@/server/purge-sometimes";

export type CreateCaptchaResult = { ok: true; id: string; png: Buffer } | { ok: false; error: "rate_limited" };

export interface CreateCaptchaOptions {
  /** Tests only: draw this text instead of a random one, so the answer is known. */
  text?: string;
}

/**
 * A new image challenge: at most 30 per IP per minute (policy captchaByIp),
 * valid 120 s, its answer stored only as an HMAC. The id is a 128-bit random
 * token because it travels in a cookie and names the challenge.
 */
export async function createCaptchaChallenge(options: CreateCaptchaOptions, meta: RequestMeta): Promise<CreateCaptchaResult> {
  const limit = await consumeLimit("captchaByIp", ipLimitKey(meta.ip));
  if (!limit.allowed) return { ok: false, error: "rate_limited" };

  const text = options.text ?? generateCaptchaText();
  const png = renderCaptchaPng(text);
  const id = newToken();
  const createdAt = now();
  await getDb().captchaChallenge.create({
    data: {
      id,
      answerHash: hmacDigest("captcha", normalizeCaptchaAnswer(text)),
      expiresAt: addMs(createdAt, CAPTCHA_TTL_MS),
      ip: meta.ip,
      createdAt,
    },
  });
  await maybePurgeExpired(createdAt);
  return { ok: true, id, png };
}

/** Challenges an hour past their expiry: about 1 call in 100 clears them (purgeSometimes; the index on expiresAt keeps it cheap). */
async function maybePurgeExpired(at: Date): Promise<void> {
  await purgeSometimes("captcha", "purge of expired challenges failed", () =>
    getDb().captchaChallenge.deleteMany({ where: { expiresAt: { lt: addMs(at, -HOUR) } } }),
  );
}
