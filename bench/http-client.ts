import { gunzipSync } from "node:zlib";
import { type Pool } from "undici";
import { actionFormEntries } from "../tests/support/raw-action";
import { percentile, round } from "./stats";

/** `bench -- http`'s client: requests as a browser makes them, and the load's shape. */

/** Clients in a flood: each sends its next request when its last is answered. */
export const CLIENTS = 8;

/** Each request comes from its own client address (the server trusts one proxy hop here): per-IP limits see many users. */
export const clientIp = () => `10.${(Math.random() * 256) | 0}.${(Math.random() * 256) | 0}.${1 + ((Math.random() * 254) | 0)}`;

/** One GET as a browser makes it (gzip accepted, the body read whole); its latency in ms (throws on a status other than 200). */
export async function get(http: Pool, p: string, headers: Record<string, string> = {}): Promise<number> {
  const t0 = performance.now();
  const res = await http.request({
    path: p,
    method: "GET",
    headers: { accept: "text/html,image/*", "accept-encoding": "gzip", "x-forwarded-for": clientIp(), ...headers },
  });
  await res.body.arrayBuffer();
  if (res.statusCode !== 200) throw new Error(`GET ${p} answered ${res.statusCode}`);
  return performance.now() - t0;
}

/** `clients` loops calling `fn` for `ms`; every latency. */
export async function flood(clients: number, ms: number, fn: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  const end = performance.now() + ms;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) out.push(await fn());
    }),
  );
  return out;
}

/** One client at a time, alternating the requests, for `ms`; latencies per request. */
export async function sample(requests: Record<string, () => Promise<number>>, ms: number): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = Object.fromEntries(Object.keys(requests).map((p) => [p, []]));
  const end = performance.now() + ms;
  while (performance.now() < end) for (const [p, fn] of Object.entries(requests)) out[p].push(await fn());
  return out;
}

export const p95 = (v: number[]) => round(percentile(v, 95));

/** A server action posted as React posts a form (multipart, `_1_` fields, then the state reference). */
export function actionBody(fields: Record<string, string>): { body: Buffer; contentType: string } {
  const boundary = `----postkeybench${Math.random().toString(36).slice(2)}`;
  const parts = actionFormEntries(fields);
  const body = Buffer.from(
    parts.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") + `--${boundary}--\r\n`,
  );
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Posts a server action as the browser does (its id, the page's Origin, RSC accepted); the answer decoded. */
export async function postAction(
  http: Pool,
  base: string,
  p: string,
  id: string,
  form: { body: Buffer; contentType: string },
  extra: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  const res = await http.request({
    path: p,
    method: "POST",
    headers: {
      "next-action": id,
      origin: base,
      accept: "text/x-component",
      "accept-encoding": "gzip",
      "content-type": form.contentType,
      "x-forwarded-for": clientIp(),
      ...extra,
    },
    body: form.body,
  });
  const raw = Buffer.from(await res.body.arrayBuffer());
  const text = (res.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw).toString("utf8");
  return { status: res.statusCode, headers: res.headers, text };
}
