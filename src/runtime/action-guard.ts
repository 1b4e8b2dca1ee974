import { readFileSync } from "node:fs";
import { IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { expectedOrigins, FOREIGN_ORIGIN, isAllowedOrigin } from "@/proxy-helpers";

/**
 * Server-action requests (a `Next-Action` header) are checked before Next
 * decodes them: Next answers 500 to any body React's decodeReply cannot
 * read (bad JSON, a dangling "$" reference, a body over the size limit,
 * another content type), and a hostile request must get a clear 4xx
 * instead. The body is read once (at most ACTION_BODY_LIMIT bytes), checked,
 * and handed to Next as a fresh request with the same headers.
 *
 * What our pages send is known: `[]` for an action without arguments, or a
 * multipart body whose root ("0") is `[prevState, "$K1"]` with the form's
 * fields named `1_<field>`. React escapes a string that starts with "$" as
 * "$$…", so the only references allowed are the ones listed here.
 */
export const ACTION_BODY_LIMIT = 64 * 1024; // next.config.ts serverActions.bodySizeLimit

const PLAIN_REFERENCES = /^\$(\$|undefined$|NaN$|Infinity$|-Infinity$|-0$)/;
const FORM_DATA_REFERENCE = /^\$K[0-9a-f]{1,3}$/;

const UNREADABLE = "This form could not be read. Reload the page and try again.";

export type GuardResult = { ok: true; req: IncomingMessage } | { ok: false; status: number; message: string };

/** True when every string in `value` is plain or an allowed reference, and it nests at most 16 deep. */
function referencesAllowed(value: unknown, allowFormData: boolean, depth = 0): boolean {
  if (depth > 16) return false;
  if (typeof value === "string")
    return !value.startsWith("$") || PLAIN_REFERENCES.test(value) || (allowFormData && FORM_DATA_REFERENCE.test(value));
  if (Array.isArray(value)) return value.every((v) => referencesAllowed(v, allowFormData, depth + 1));
  if (value && typeof value === "object")
    return Object.entries(value).every(([k, v]) => !k.startsWith("$") && referencesAllowed(v, allowFormData, depth + 1));
  return true;
}

function parseRoot(text: string, allowFormData: boolean): boolean {
  try {
    const root: unknown = JSON.parse(text);
    return Array.isArray(root) && root.length <= 8 && referencesAllowed(root, allowFormData);
  } catch {
    return false;
  }
}

/** The body, or "too_large" past the limit (declared or counted), or "aborted". */
async function readBody(req: IncomingMessage): Promise<Buffer | "too_large" | "aborted"> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > ACTION_BODY_LIMIT) return "too_large";
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > ACTION_BODY_LIMIT) return "too_large";
      chunks.push(chunk as Buffer);
    }
  } catch {
    return "aborted";
  }
  return Buffer.concat(chunks);
}

async function bodyIsReadable(contentType: string, body: Buffer): Promise<boolean> {
  if (contentType.split(";")[0].trim().toLowerCase() === "text/plain") return parseRoot(body.toString("utf8"), false);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
  } catch {
    return false;
  }
  const root = form.get("0");
  return typeof root === "string" && parseRoot(root, true);
}

/** A copy of `req` whose body is `body` (the original was consumed by the check). */
function replay(req: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new IncomingMessage(req.socket);
  copy.method = req.method;
  copy.url = req.url;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  copy.httpVersion = req.httpVersion;
  copy.headers = { ...req.headers, "content-length": String(body.length) };
  delete copy.headers["transfer-encoding"];
  copy.rawHeaders = Object.entries(copy.headers).flatMap(([k, v]) => (Array.isArray(v) ? v.flatMap((x) => [k, x]) : [k, String(v)]));
  copy.complete = true;
  copy.push(body);
  copy.push(null);
  return copy;
}

/** The server actions a production build has (its manifest), to tell a stale or made-up id from a real one. */
export function readActionIds(distDir: string): Set<string> | null {
  try {
    const manifest = JSON.parse(readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8")) as {
      node?: Record<string, unknown>;
    };
    return new Set(Object.keys(manifest.node ?? {}));
  } catch {
    return null;
  }
}

export async function guardActionRequest(req: IncomingMessage, appUrl?: string, actionIds?: Set<string> | null): Promise<GuardResult> {
  if (req.method !== "POST" || req.headers["next-action"] === undefined) return { ok: true, req };
  // An action from another origin: 403 before anything is read, the answer proxy.ts gives. Refused here
  // too because the proxy does not run on every path (its matcher), and Next answers such a POST with a 500.
  const origins = expectedOrigins(appUrl, req.headers.host ?? null, (req.headers["x-forwarded-proto"] as string | undefined) ?? null);
  if (!isAllowedOrigin((req.headers.origin as string | undefined) ?? null, origins))
    return { ok: false, status: 403, message: FOREIGN_ORIGIN };
  if (actionIds && !actionIds.has(String(req.headers["next-action"]))) {
    // A page from before a deployment, or a made-up id: nothing to run.
    return { ok: false, status: 404, message: "This form is out of date. Reload the page and try again." };
  }
  // The boundary parameter is case-sensitive: only the media type is compared in lower case.
  const contentType = req.headers["content-type"] ?? "";
  const mediaType = contentType.split(";")[0].trim().toLowerCase();
  if (mediaType !== "multipart/form-data" && mediaType !== "text/plain") {
    return { ok: false, status: 415, message: "This form was sent in a format Postkey does not accept. Reload the page and try again." };
  }
  const body = await readBody(req);
  if (body === "too_large") return { ok: false, status: 413, message: "This form is too large. Reload the page and try again." };
  if (body === "aborted" || !(await bodyIsReadable(contentType, body))) return { ok: false, status: 400, message: UNREADABLE };
  return { ok: true, req: replay(req, body) };
}

export function refuseAction(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" });
  res.end(message);
}
