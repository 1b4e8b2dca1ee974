import { actionFormEntries, actionId, redirectTarget, REDIRECT_STATE } from "../../tests/support/raw-action";
import { fetchFrom } from "./round-robin-proxy";

/**
 * Raw server-action requests, for tests that must send exactly the bytes
 * (replayed cookies, hand-made forms, another server), built on the shared
 * raw-action client (tests/support/raw-action.ts, which `npm run bench -- http` uses too).
 */

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Set-Cookie lines, whole. */
  cookies: string[];
  /** The page the action was posted to. */
  page?: string;
}

/**
 * Where an action's answer sends the browser (null: it stays, with a form state):
 * - a guard's redirect(): the X-Action-Redirect header;
 * - an action's goTo()/reloadAt(): the "redirect" state (src/web/actions/navigate.ts);
 * - an action's redrawAt(): the page it was posted to, drawn again into the answer with the flow moved on.
 */
export function sentTo(res: RawResponse): string | null {
  const to = redirectTarget(res.headers.get("x-action-redirect"), res.text);
  if (to) return to;
  if (res.page && res.headers.has("x-action-revalidated") && res.text.includes('{"status":"idle"}')) return res.page;
  return null;
}

export { REDIRECT_STATE };

/** How to send it: extra headers (e.g. a proxy's), and a local address to send from (another client). */
export interface SendVia {
  headers?: Record<string, string>;
  localAddress?: string;
}

export async function postAction(
  baseUrl: string,
  pagePath: string,
  exportedName: string,
  fields: Record<string, string>,
  cookie = "",
  via: SendVia = {},
): Promise<RawResponse> {
  const form = new FormData();
  for (const [k, v] of actionFormEntries(fields)) form.append(k, v);
  const headers = {
    "Next-Action": actionId(exportedName),
    Origin: baseUrl,
    Accept: "text/x-component",
    ...(cookie ? { Cookie: cookie } : {}),
    ...via.headers,
  };
  const url = `${baseUrl}${pagePath}`;
  const res = via.localAddress
    ? await fetchFrom(via.localAddress, url, { method: "POST", headers, body: form })
    : await fetch(url, { method: "POST", redirect: "manual", headers, body: form });
  return { status: res.status, headers: res.headers, text: await res.text(), cookies: res.headers.getSetCookie(), page: pagePath };
}

/** "name=value" of a Set-Cookie line, for the Cookie header of the next request. */
export const cookiePair = (setCookie: string) => setCookie.split(";")[0];
