import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT, guardActionRequest, refuseAction } from "@/runtime/action-guard";
import { FOREIGN_ORIGIN } from "@/proxy-helpers";

/**
 * The check in front of Next's server-action decoding (src/runtime/action-guard.ts),
 * over a real socket: what our pages send passes unchanged; any body React
 * could not decode gets a 4xx before Next sees it (Next would answer 500).
 */
let server: http.Server;
let url = "";
beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    const checked = await guardActionRequest(req);
    if (!checked.ok) return refuseAction(res, checked.status, checked.message);
    let body = "";
    for await (const chunk of checked.req) body += chunk;
    res.end(JSON.stringify({ passed: true, length: body.length, declared: checked.req.headers["content-length"], body }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/login`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(url, { method: "POST", headers: { "Next-Action": "7f00", Origin: new URL(url).origin, ...headers }, body }).then(async (r) => ({
    status: r.status,
    text: await r.text(),
  }));

/** A multipart body as Chrome writes it (mixed-case boundary, CRLF). */
function browserMultipart(fields: Array<[string, string]>): { body: string; type: string } {
  const b = "----WebKitFormBoundaryRaKlsXcFfkPqd7Iw";
  const body = fields.map(([n, v]) => `--${b}\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n${v}\r\n`).join("") + `--${b}--\r\n`;
  return { body, type: `multipart/form-data; boundary=${b}` };
}

describe("what our pages send passes, byte for byte", () => {
  it('a form with useActionState (root [prevState, "$K1"], fields _1_…), as Chrome encodes it', async () => {
    const form = browserMultipart([
      ["_1_$ACTION_REF_1", ""],
      ["_1_$ACTION_1:0", '{"id":"7f00","bound":"$@1"}'],
      ["_1_email", "a@example.com"],
      ["0", '[{"status":"idle","values":{"x":"$$5"}},"$K1"]'],
    ]);
    const r = await post(form.body, { "Content-Type": form.type });
    expect(r.status).toBe(200);
    const echoed = JSON.parse(r.text) as { body: string; length: number; declared: string };
    expect(echoed.body).toBe(form.body);
    expect(echoed.declared).toBe(String(Buffer.byteLength(form.body)));
  });

  it("an action without arguments (text/plain [])", async () => {
    expect((await post("[]", { "Content-Type": "text/plain;charset=UTF-8" })).status).toBe(200);
  });

  it("a server action from another origin is a 403 before anything is read, on any path", async () => {
    // Whatever proxy.ts's matcher covers: Next answers 500 to a foreign action it is handed.
    for (const path of ["/login", "/healthz", "/healthzfoo", "/readyz-x", "/favicon.ico", "/_next/static/x.js"])
      for (const origin of ["https://evil.example", "null", ""]) {
        const r = await fetch(new URL(path, url), {
          method: "POST",
          headers: { "Next-Action": "7f00", "Content-Type": "application/json", Origin: origin },
          body: "[{",
        });
        expect({ path, origin, status: r.status, text: await r.text() }).toEqual({ path, origin, status: 403, text: FOREIGN_ORIGIN });
      }
  });

  it("requests that are not server actions are not touched", async () => {
    const r = await fetch(url, { method: "POST", body: "a=1", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(JSON.parse(await r.text())).toMatchObject({ passed: true, body: "a=1" });
  });
});

describe("action ids", () => {
  it("an id the build does not have is a 404 before anything is read; a known one passes", async () => {
    const server = http.createServer(async (req, res) => {
      const checked = await guardActionRequest(req, undefined, new Set(["7f00"]));
      if (!checked.ok) return refuseAction(res, checked.status, checked.message);
      res.end("passed");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const at = `http://127.0.0.1:${(server.address() as { port: number }).port}/login`;
    const send = (id: string) =>
      fetch(at, {
        method: "POST",
        headers: { "Next-Action": id, Origin: new URL(at).origin, "Content-Type": "text/plain" },
        body: "[]",
      }).then(async (r) => ({ status: r.status, text: await r.text() }));
    expect(await send("0".repeat(42))).toEqual({ status: 404, text: "This form is out of date. Reload the page and try again." });
    expect(await send("7f00")).toEqual({ status: 200, text: "passed" });
    await new Promise<void>((r) => server.close(() => r()));
  });
});

describe("what React cannot decode is refused with a 4xx", () => {
  it.each([
    ["invalid JSON", "[{", "text/plain"],
    ["not an array", '{"a":1}', "text/plain"],
    ["a dangling reference", '["$Q1"]', "text/plain"],
    ["a promise reference", '["$@1"]', "text/plain"],
    ["a FormData reference without a form", '["$K1"]', "text/plain"],
    ["a server reference", '["$h1"]', "text/plain"],
    ["a reference as a key", '[{"$K1":1}]', "text/plain"],
    ["deep nesting", `${"[".repeat(40)}${"]".repeat(40)}`, "text/plain"],
  ])("%s → 400", async (_name, body, type) => {
    expect(await post(body, { "Content-Type": type })).toEqual({
      status: 400,
      text: "This form could not be read. Reload the page and try again.",
    });
  });

  it("a multipart body without a readable root, or not multipart at all → 400", async () => {
    const noRoot = browserMultipart([["_1_email", "x"]]);
    expect((await post(noRoot.body, { "Content-Type": noRoot.type })).status).toBe(400);
    const badRoot = browserMultipart([["0", "[{"]]);
    expect((await post(badRoot.body, { "Content-Type": badRoot.type })).status).toBe(400);
    expect((await post("garbage", { "Content-Type": "multipart/form-data; boundary=zzz" })).status).toBe(400);
  });

  it("another content type → 415; a body over the limit → 413", async () => {
    expect((await post('{"a":1}', { "Content-Type": "application/json" })).status).toBe(415);
    expect((await post("a=1", { "Content-Type": "application/x-www-form-urlencoded" })).status).toBe(415);
    expect((await post("x".repeat(ACTION_BODY_LIMIT + 1), { "Content-Type": "text/plain" })).status).toBe(413);
  });
});
