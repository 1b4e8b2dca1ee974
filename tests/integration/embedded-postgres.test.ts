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
    expect(first.url).toMatch(/^postgresql:\/\/postgres:postgres@127\.0\.0\.1:\d+\/postgres/);
    expect((await applyMigrations(first.url)).applied.length).toBeGreaterThan(0);
    const c1 = new Client({ connectionString: first.url });
    await c1.connect();
    await c1.query(`INSERT INTO "CloudAccount" (id, email, name, "passwordHash", "passwordChangedAt") VALUES ('op-1', 'x@y.example', 'X', 'h', now())`);
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
});
