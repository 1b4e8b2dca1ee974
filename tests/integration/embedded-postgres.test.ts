import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres";
import { applyMigrations } from "@/server/migrations/apply-migrations";

/** The local default database: a stop (Ctrl-C) and a second start find the data still there. */
describe("embedded PostgreSQL (PGlite over the wire protocol)", () => {
  let dir = "";
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("serves migrations and queries over a postgresql:// URL and keeps the data across restarts", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "postkey-embedded-"));
    const first = await startEmbeddedPostgres(dir, 0);
    expect(first.url).toMatch(/^postgresql:\/\/postgres:[\w-]{32}@127\.0\.0\.1:\d+\/postgres/);
    expect((await applyMigrations(first.url)).applied.length).toBeGreaterThan(0);
    const c1 = new Client({ connectionString: first.url });
    await c1.connect();
    await c1.query(
      `INSERT INTO "CloudAccount" (id, email, name, "passwordHash", "passwordChangedAt") VALUES ('op-1', 'x@y.example', 'X', 'h', now())`,
    );
    await c1.end();
    await first.stop();

    const second = await startEmbeddedPostgres(dir, 0);
    try {
      expect((await applyMigrations(second.url)).applied).toEqual([]);
      const c2 = new Client({ connectionString: second.url });
      await c2.connect();
      const { rows } = await c2.query(`SELECT email FROM "CloudAccount" WHERE id = 'op-1'`);
      await c2.end();
      expect(rows).toEqual([{ email: "x@y.example" }]);
    } finally {
      await second.stop();
    }
  });

  it("accepts only the password made at start-up (SCRAM-SHA-256), not any credentials", async () => {
    const own = await mkdtemp(path.join(os.tmpdir(), "postkey-embedded-auth-"));
    const pg = await startEmbeddedPostgres(own, 0);
    try {
      const url = new URL(pg.url);
      const attempt = async (user: string, password: string) => {
        const c = new Client({
          host: url.hostname,
          port: Number(url.port),
          database: "postgres",
          user,
          password,
          connectionTimeoutMillis: 5000,
        });
        try {
          await c.connect();
          return (await c.query("SELECT 1 AS one")).rows[0];
        } finally {
          await c.end().catch(() => undefined);
        }
      };
      await expect(attempt("postgres", "postgres")).rejects.toThrow(/password authentication failed/);
      await expect(attempt("postgres", "")).rejects.toThrow();
      await expect(attempt("admin", decodeURIComponent(url.password))).rejects.toThrow(/password authentication failed/);
      expect(await attempt("postgres", decodeURIComponent(url.password))).toEqual({ one: 1 });
      // Many clients at once, as the app's pool and the rate-limit store open them.
      const many = await Promise.all(Array.from({ length: 8 }, () => attempt("postgres", decodeURIComponent(url.password))));
      expect(many).toHaveLength(8);
    } finally {
      await pg.stop();
      await rm(own, { recursive: true, force: true });
    }
  });
});
