import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { startAuthFront } from "./pg-auth-front";

/**
 * The embedded PostgreSQL used when DATABASE_URL is not set: PGlite with its
 * data under `<dataDir>/pglite`, served over the Postgres wire protocol so
 * the app connects through the same @prisma/adapter-pg path as to a real
 * server. PGlite itself accepts any credentials, so it listens only on a
 * Unix socket in a private directory; clients reach it on 127.0.0.1 through
 * a SCRAM-SHA-256 check of one password made at start-up (pg-auth-front.ts).
 */
export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

const EMBEDDED_USER = "postgres";

async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once("error", reject);
      srv.listen(port, "127.0.0.1", () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
  return tryPort(preferred).catch(() => tryPort(0));
}

export async function startEmbeddedPostgres(
  dataDir: string,
  preferredPort = 54329,
  password = randomBytes(24).toString("base64url"),
): Promise<EmbeddedPostgres> {
  const dir = path.join(dataDir, "pglite");
  await mkdir(dir, { recursive: true });
  // pg_trgm: the Employee Accounts search's indexes (migration 20261127090000), as on a PostgreSQL server.
  const db = await PGlite.create(dir, { extensions: { pg_trgm } });
  // mkdtemp makes the directory 0700: only this user can reach the socket inside.
  const socketDir = await mkdtemp(path.join(os.tmpdir(), "postkey-pg-"));
  const backendPath = path.join(socketDir, "pglite.sock");
  const backend = new PGLiteSocketServer({ db, path: backendPath, maxConnections: 64 });
  await backend.start();
  const front = await startAuthFront({
    host: "127.0.0.1",
    port: await freePort(preferredPort),
    user: EMBEDDED_USER,
    password,
    backendPath,
  });
  let stopped = false;
  return {
    url: `postgresql://${EMBEDDED_USER}:${encodeURIComponent(password)}@127.0.0.1:${front.port}/postgres?sslmode=disable`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await front.close();
      await backend.stop();
      await db.close();
      await rm(socketDir, { recursive: true, force: true });
    },
  };
}
