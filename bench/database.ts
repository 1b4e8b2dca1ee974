import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { startEmbeddedPostgres } from "../scripts/lib/embedded-postgres";
import { applyMigrations } from "../src/server/migrations/apply-migrations";

/**
 * A fresh, migrated database for one benchmark run: a temporary database on
 * the server named by TEST_DATABASE_URL (dropped afterwards), or an embedded
 * PGlite in a temporary directory when none is configured.
 */
export async function withBenchDatabase<T>(fn: (url: string, kind: string) => Promise<T>): Promise<T> {
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    const name = `postkey_bench_${Date.now()}_${process.pid}`;
    await adminQuery(server, `CREATE DATABASE "${name}"`);
    const u = new URL(server);
    u.pathname = `/${name}`;
    try {
      await applyMigrations(u.toString());
      return await fn(u.toString(), `PostgreSQL (${u.host}, temporary database)`);
    } finally {
      await adminQuery(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "postkey-bench-"));
  const pg = await startEmbeddedPostgres(dir, 0);
  try {
    await applyMigrations(pg.url);
    return await fn(pg.url, "embedded PGlite");
  } finally {
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}
