import { readFileSync } from "node:fs";
import path from "node:path";
import { fetchFrom } from "./round-robin-proxy";

/**
 * Raw server-action requests, for tests that must send exactly the bytes
 * (replayed cookies, hand-made forms, another server): the action id comes
 * from the production build's manifest, the body is encoded the way React
 * encodes a form for useActionState ([prevState, "$K1"] + "_1_<field>").
 */
const root = path.resolve(import.meta.dirname, "../..");

export function actionId(exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(root, ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName: string }>;
  };
  const found = Object.entries(manifest.node).find(([, a]) => a.exportedName === exportedName);
  if (!found) throw new Error(`no server action named ${exportedName} in the build`);
  return found[0];
}

/** The cookies of one client, as a browser keeps them (a Set-Cookie with no value or Max-Age=0 deletes). */
export class CookieJar {
  private readonly values = new Map<string, string>();
  take(setCookies: string[]): void {
    for (const line of setCookies) {
      const pair = line.split(";")[0];
      const name = pair.slice(0, pair.indexOf("="));
      const value = pair.slice(pair.indexOf("=") + 1);
      if (!value || /;\s*max-age=0/i.test(line)) this.values.delete(name);
      else this.values.set(name, value);
    }
  }
  get(name: string): string | undefined {
    return this.values.get(name);
  }
  header(): string {
    return [...this.values].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

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
 * - redirect()'s X-Action-Redirect header;
 * - navigateTo()'s "redirect" state (src/web/actions/navigate.ts);
 * - for showNextStep(), the page it was posted to, drawn again into the answer with the flow moved on.
 */
export function sentTo(res: RawResponse): string | null {
  const header = res.headers.get("x-action-redirect")?.split(";")[0];
  if (header) return header;
  const state = REDIRECT_STATE.exec(res.text)?.[1];
  if (state) return state;
  if (res.page && res.headers.has("x-action-revalidated") && res.text.includes('{"status":"idle"}')) return res.page;
  return null;
}

/** navigateTo()'s state in an action's answer. */
export const REDIRECT_STATE = /"status":"redirect","to":"([^"]+)"/;

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
  for (const [k, v] of Object.entries(fields)) form.append(`_1_${k}`, v);
  form.append("0", '[{"status":"idle"},"$K1"]');
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
