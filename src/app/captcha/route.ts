import { NextResponse } from "next/server";
import { getRequestMeta } from "@/web/request";
import { createCaptchaChallenge } from "@/server/captcha/create-captcha";
import { setCaptchaCookie } from "@/web/captcha-cookie";
import { componentLogger } from "@/server/observability/logger";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

/** A new captcha image; the challenge id rides in an HttpOnly cookie, the answer stays on the server. */
export async function GET() {
  let result;
  try {
    result = await createCaptchaChallenge({}, await getRequestMeta());
  } catch (e) {
    componentLogger("captcha").error({ err: e }, "could not create a challenge");
    return new NextResponse("The image is not available right now. Try again.", {
      status: 503,
      headers: { ...NO_STORE, "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  if (!result.ok) {
    return new NextResponse("Too many images requested. Wait a minute and try again.", {
      status: 429,
      headers: { ...NO_STORE, "Content-Type": "text/plain; charset=utf-8", "Retry-After": "60" },
    });
  }
  await setCaptchaCookie(result.id);
  return new NextResponse(new Uint8Array(result.png), { status: 200, headers: { ...NO_STORE, "Content-Type": "image/png" } });
}
