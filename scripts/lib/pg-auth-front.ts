import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from "node:crypto";
import net from "node:net";

/**
 * A password check in front of the embedded PostgreSQL. PGlite's socket
 * server accepts any credentials, so it listens only on a Unix socket in a
 * private directory, and clients reach it through this TCP front, which
 * speaks the start of the PostgreSQL protocol itself: it answers SSL
 * requests with "no", asks for SCRAM-SHA-256 (what PostgreSQL asks for),
 * checks the proof against the one password generated at start-up, and
 * only then forwards the startup message and pipes the connection through.
 * Why, and the Unix-socket alternative that was tested: ADR 0011.
 */
export interface AuthFront {
  port: number;
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
const MAX_STARTUP = 10_000;
const ITERATIONS = 4096;
const AUTH_TIMEOUT_MS = 10_000;

const hmac = (key: Buffer, data: string) => createHmac("sha256", key).update(data).digest();
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest();

function authMessage(code: number, data: Buffer = Buffer.alloc(0)): Buffer {
  const out = Buffer.alloc(9 + data.length);
  out.write("R", 0);
  out.writeInt32BE(8 + data.length, 1);
  out.writeInt32BE(code, 5);
  data.copy(out, 9);
  return out;
}

function fatal(code: string, message: string): Buffer {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${message}\0\0`, "utf8");
  const out = Buffer.alloc(5 + fields.length);
  out.write("E", 0);
  out.writeInt32BE(4 + fields.length, 1);
  fields.copy(out, 5);
  return out;
}

function startupParams(msg: Buffer): Record<string, string> {
  const parts = msg.subarray(8).toString("utf8").split("\0");
  const params: Record<string, string> = {};
  for (let i = 0; i + 1 < parts.length && parts[i]; i += 2) params[parts[i]] = parts[i + 1];
  return params;
}

function scramAttributes(s: string): Record<string, string> {
  return Object.fromEntries(s.split(",").map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]));
}

export async function startAuthFront(opts: {
  host: string;
  port: number;
  user: string;
  password: string;
  backendPath: string;
}): Promise<AuthFront> {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(opts.password, salt, ITERATIONS, 32, "sha256");
  const storedKey = sha256(hmac(salted, "Client Key"));
  const serverKey = hmac(salted, "Server Key");
  const sockets = new Set<net.Socket>();

  const server = net.createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => client.destroy());
    client.setTimeout(AUTH_TIMEOUT_MS, () => client.destroy());
    let buffer = Buffer.alloc(0);
    let state: "startup" | "initial" | "final" = "startup";
    let startup: Buffer | null = null;
    let clientFirstBare = "";
    let serverFirst = "";
    let nonce = "";
    const refuse = (message: string) => client.end(fatal("28P01", message));

    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (state === "startup") {
          if (buffer.length < 8) return;
          const len = buffer.readInt32BE(0);
          if (len < 8 || len > MAX_STARTUP) return refuse("invalid startup packet");
          if (buffer.length < len) return;
          const msg = buffer.subarray(0, len);
          buffer = buffer.subarray(len);
          const code = msg.readInt32BE(4);
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
            client.write("N");
            continue;
          }
          if (code === CANCEL_REQUEST) return void client.end();
          if (code !== PROTOCOL_3) return refuse("unsupported protocol version");
          if (startupParams(msg).user !== opts.user)
            return refuse(`password authentication failed for user "${startupParams(msg).user ?? ""}"`);
          startup = Buffer.from(msg);
          client.write(authMessage(10, Buffer.from("SCRAM-SHA-256\0\0")));
          state = "initial";
          continue;
        }
        if (buffer.length < 5) return;
        const len = buffer.readInt32BE(1);
        if (buffer[0] !== 0x70 /* p */ || len < 4 || len > MAX_STARTUP) return refuse("expected a SASL response");
        if (buffer.length < 1 + len) return;
        const body = buffer.subarray(5, 1 + len);
        buffer = buffer.subarray(1 + len);
        if (state === "initial") {
          const mechanism = body.subarray(0, body.indexOf(0)).toString();
          if (mechanism !== "SCRAM-SHA-256") return refuse("unsupported SASL mechanism");
          const data = body.subarray(body.indexOf(0) + 5).toString();
          if (!data.startsWith("n,,")) return refuse("channel binding is not supported");
          clientFirstBare = data.slice(3);
          const clientNonce = scramAttributes(clientFirstBare).r;
          if (!clientNonce) return refuse("malformed SCRAM message");
          nonce = clientNonce + randomBytes(18).toString("base64");
          serverFirst = `r=${nonce},s=${salt.toString("base64")},i=${ITERATIONS}`;
          client.write(authMessage(11, Buffer.from(serverFirst)));
          state = "final";
          continue;
        }
        const clientFinal = body.toString();
        const attrs = scramAttributes(clientFinal);
        const withoutProof = clientFinal.slice(0, clientFinal.lastIndexOf(",p="));
        if (attrs.r !== nonce || attrs.c !== "biws" || !attrs.p) return refuse(`password authentication failed for user "${opts.user}"`);
        const auth = `${clientFirstBare},${serverFirst},${withoutProof}`;
        const proof = Buffer.from(attrs.p, "base64");
        const signature = hmac(storedKey, auth);
        if (proof.length !== signature.length) return refuse(`password authentication failed for user "${opts.user}"`);
        const clientKey = Buffer.from(proof.map((b, i) => b ^ signature[i]));
        if (!timingSafeEqual(sha256(clientKey), storedKey)) return refuse(`password authentication failed for user "${opts.user}"`);
        client.write(authMessage(12, Buffer.from(`v=${hmac(serverKey, auth).toString("base64")}`)));
        return pipeToBackend(Buffer.concat([startup as Buffer, buffer]));
      }
    };

    const pipeToBackend = (first: Buffer) => {
      client.off("data", onData);
      client.pause();
      client.setTimeout(0);
      const backend = net.createConnection(opts.backendPath, () => {
        // PGlite answers the startup message with AuthenticationOk and the usual parameters.
        backend.write(first);
        client.pipe(backend);
        backend.pipe(client);
        client.resume();
      });
      sockets.add(backend);
      backend.on("close", () => {
        sockets.delete(backend);
        client.destroy();
      });
      backend.on("error", () => client.destroy());
      client.on("close", () => backend.destroy());
    };

    client.on("data", onData);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
