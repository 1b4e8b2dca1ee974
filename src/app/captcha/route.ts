import { NextResponse, type NextRequest } from "next/server";
import { getRequestMeta } from "@/server/request-meta";
import { createCaptchaChallenge } from "@/server/captcha/create-captcha";
import { CAPTCHA_COOKIE, captchaCookieOptions } from "@/server/captcha/captcha-cookie";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

/** A new captcha image; the challenge id rides in an HttpOnly cookie, the answer stays on the server. */
export async function GET(request: NextRequest) {
  let result;
  try {
    result = await createCaptchaChallenge(await getRequestMeta());
  } catch (e) {
    console.error("[captcha] could not create a challenge", e);
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
  const response = new NextResponse(new Uint8Array(result.png), {
    status: 200,
    headers: { ...NO_STORE, "Content-Type": "image/png" },
  });
  const secure = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https" || request.nextUrl.protocol === "https:";
  response.cookies.set(CAPTCHA_COOKIE, result.id, captchaCookieOptions(secure));
  return response;
}
