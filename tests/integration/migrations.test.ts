import { createHash } from "node:crypto";
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { applyMigrations, type MigrateResult } from "../../src/server/migrations/apply-migrations";
import { canCreateTempDatabases, createTempDatabase, type TempDatabase } from "../support/temp-database";

/**
 * src/server/migrations/apply-migrations.ts stands in for `prisma migrate
 * deploy`. These tests run it against new, empty databases on the test
 * server. The embedded PGlite (no TEST_DATABASE_URL) has a single database:
 * there the tests that need fresh databases are skipped (on a configured server they fail
 * instead: CI never skips them), and the first two run
 * against the run's test database, which global setup migrated from empty.
 */

const root = path.resolve(import.meta.dirname, "../..");
const migrationsDir = path.join(root, "prisma", "migrations");
const testDatabaseUrl = inject("databaseUrl");
const canCreateDatabases = await canCreateTempDatabases(testDatabaseUrl);
// Only the embedded PGlite (no TEST_DATABASE_URL: a local run without a server) may skip: a configured server
// that cannot make databases (CI's, always configured by .ci/run) fails the run instead of skipping silently.
if (!canCreateDatabases && process.env.TEST_DATABASE_URL)
  throw new Error(`TEST_DATABASE_URL is set but its user cannot CREATE DATABASE there: the migration tests need fresh databases`);
const PRISMA_ADVISORY_LOCK = 72707369;

const created: TempDatabase[] = [];
const tempDirs: string[] = [];

async function newDatabase(): Promise<string> {
  const db = await createTempDatabase(testDatabaseUrl, "migr");
  if (!db) throw new Error("could not create a temporary database");
  created.push(db);
  return db.url;
}

async function tempMigrationsDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "postkey-migrations-"));
  tempDirs.push(dir);
  await cp(migrationsDir, dir, { recursive: true });
  return dir;
}

async function addMigration(dir: string, name: string, sql: string): Promise<void> {
  await mkdir(path.join(dir, name));
  await writeFile(path.join(dir, name, "migration.sql"), sql);
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

const rowsOf = (url: string) =>
  withClient(
    url,
    async (c) => (await c.query<MigrationRow>(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name, started_at`)).rows,
  );

const tableExists = (url: string, table: string) =>
  withClient(
    url,
    async (c) => (await c.query<{ t: string | null }>("SELECT to_regclass($1)::text AS t", [`public."${table}"`])).rows[0].t !== null,
  );

async function migrationNames(dir = migrationsDir): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** sha256 hex of the file's bytes, which is what Prisma stores as the checksum. */
async function fileChecksum(dir: string, name: string): Promise<string> {
  return createHash("sha256")
    .update(await readFile(path.join(dir, name, "migration.sql")))
    .digest("hex");
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

let names: string[];
// A database migrated once from empty (or, on PGlite, the run's test database).
let migratedUrl: string;
let firstRun: MigrateResult | null = null;

beforeAll(async () => {
  names = await migrationNames();
  expect(names.length).toBeGreaterThan(0);
  if (canCreateDatabases) {
    migratedUrl = await newDatabase();
    firstRun = await applyMigrations(migratedUrl, migrationsDir);
  } else {
    migratedUrl = testDatabaseUrl;
  }
});

afterAll(async () => {
  for (const db of created) await db.drop();
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

describe("applyMigrations", () => {
  it("applies every migration once; a second run applies nothing", async () => {
    if (firstRun) expect(firstRun).toEqual({ applied: names, alreadyApplied: [] });
    const before = await rowsOf(migratedUrl);
    const second = await applyMigrations(migratedUrl, migrationsDir);
    expect(second).toEqual({ applied: [], alreadyApplied: names });
    expect(await rowsOf(migratedUrl)).toEqual(before);
  });

  it("records migrations in a _prisma_migrations table identical to Prisma's", async () => {
    const columns = await withClient(
      migratedUrl,
      async (c) =>
        (
          await c.query(
            `SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
             FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name = '_prisma_migrations'
            ORDER BY ordinal_position`,
          )
        ).rows,
    );
    // The table `prisma migrate deploy` creates (schema engine, PostgreSQL flavour).
    expect(columns).toEqual([
      { column_name: "id", data_type: "character varying", character_maximum_length: 36, is_nullable: "NO", column_default: null },
      { column_name: "checksum", data_type: "character varying", character_maximum_length: 64, is_nullable: "NO", column_default: null },
      {
        column_name: "finished_at",
        data_type: "timestamp with time zone",
        character_maximum_length: null,
        is_nullable: "YES",
        column_default: null,
      },
      {
        column_name: "migration_name",
        data_type: "character varying",
        character_maximum_length: 255,
        is_nullable: "NO",
        column_default: null,
      },
      { column_name: "logs", data_type: "text", character_maximum_length: null, is_nullable: "YES", column_default: null },
      {
        column_name: "rolled_back_at",
        data_type: "timestamp with time zone",
        character_maximum_length: null,
        is_nullable: "YES",
        column_default: null,
      },
      {
        column_name: "started_at",
        data_type: "timestamp with time zone",
        character_maximum_length: null,
        is_nullable: "NO",
        column_default: "now()",
      },
      { column_name: "applied_steps_count", data_type: "integer", character_maximum_length: null, is_nullable: "NO", column_default: "0" },
    ]);
    const pk = await withClient(
      migratedUrl,
      async (c) =>
        (
          await c.query<{ columns: string[] }>(
            `SELECT ARRAY(SELECT a.attname::text FROM unnest(con.conkey) k(attnum) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns
             FROM pg_constraint con WHERE con.conrelid = 'public."_prisma_migrations"'::regclass AND con.contype = 'p'`,
          )
        ).rows,
    );
    expect(pk).toEqual([{ columns: ["id"] }]);

    const rows = await rowsOf(migratedUrl);
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(row.checksum).toBe(await fileChecksum(migrationsDir, row.migration_name));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.started_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it.skipIf(!canCreateDatabases)("concurrent runs on one empty database both succeed and apply each migration once", async () => {
    const url = await newDatabase();
    const results = await Promise.all([
      applyMigrations(url, migrationsDir),
      applyMigrations(url, migrationsDir),
      applyMigrations(url, migrationsDir),
    ]);
    for (const r of results) expect([...r.applied, ...r.alreadyApplied].sort()).toEqual(names);
    expect(results.flatMap((r) => r.applied).sort()).toEqual(names);
    const rows = await rowsOf(url);
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    expect(rows.every((r) => r.finished_at !== null && r.applied_steps_count === 1)).toBe(true);
  });

  it.skipIf(!canCreateDatabases)("waits for Prisma's advisory lock (key 72707369) held by another session", async () => {
    const url = await newDatabase();
    const holder = new Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
      let settled = false;
      const run = applyMigrations(url, migrationsDir).finally(() => {
        settled = true;
      });
      run.catch(() => undefined); // awaited below; avoid an unhandled rejection meanwhile
      // Wait until the runner's session is queued on that very lock.
      const deadline = Date.now() + 15_000;
      let waiting = 0;
      while (Date.now() < deadline) {
        const r = await holder.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks
            WHERE locktype = 'advisory' AND NOT granted AND classid = 0 AND objid = $1 AND objsubid = 1
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          [PRISMA_ADVISORY_LOCK],
        );
        waiting = r.rows[0].n;
        if (waiting > 0 || settled) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(waiting).toBe(1);
      expect(settled).toBe(false);
      expect(await tableExists(url, "_prisma_migrations")).toBe(false);
      await holder.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]);
      expect(await run).toEqual({ applied: names, alreadyApplied: [] });
    } finally {
      await holder.end();
    }
  });

  it.skipIf(!canCreateDatabases)("refuses a migration whose file changed after it was applied", async () => {
    const url = await newDatabase();
    const dir = await tempMigrationsDir();
    await applyMigrations(url, dir);
    const before = await rowsOf(url);

    const edited = names[names.length - 1];
    await appendFile(path.join(dir, edited, "migration.sql"), "\n-- edited after it was applied\n");
    await addMigration(dir, "29991231000000_after_edit", `CREATE TABLE "after_edit" ("id" INTEGER NOT NULL);\n`);

    await expect(applyMigrations(url, dir)).rejects.toThrow(
      new RegExp(`Migration ${escape(edited)} was changed after it was applied \\(checksum differs\\)`),
    );
    // Nothing else happened: the later migration was not applied, the records are untouched.
    expect(await tableExists(url, "after_edit")).toBe(false);
    expect(await rowsOf(url)).toEqual(before);
    expect(before.find((r) => r.migration_name === edited)!.checksum).toBe(await fileChecksum(migrationsDir, edited));
  });

  it.skipIf(!canCreateDatabases)("a failing migration leaves nothing behind and names itself in the error", async () => {
    const url = await newDatabase();
    const dir = await tempMigrationsDir();
    const broken = "29991231000000_broken";
    await addMigration(
      dir,
      broken,
      `CREATE TABLE "broken_probe" ("id" INTEGER NOT NULL);\nINSERT INTO "broken_probe" VALUES (1);\nSELECT * FROM "no_such_table";\n`,
    );

    const error = await applyMigrations(url, dir).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toContain(broken);
    expect(error!.message).toMatch(/no_such_table/);

    expect(await tableExists(url, "broken_probe")).toBe(false);
    const rows = await rowsOf(url);
    // The migrations before it were applied and committed; the broken one left no row.
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);

    // Once fixed, it applies normally.
    await writeFile(path.join(dir, broken, "migration.sql"), `CREATE TABLE "broken_probe" ("id" INTEGER NOT NULL);\n`);
    expect(await applyMigrations(url, dir)).toEqual({ applied: [broken], alreadyApplied: names });
    expect(await tableExists(url, "broken_probe")).toBe(true);
  });

  it.skipIf(!canCreateDatabases)("a failing first migration on an empty database leaves no table and no record", async () => {
    const url = await newDatabase();
    const dir = await mkdtemp(path.join(os.tmpdir(), "postkey-migrations-"));
    tempDirs.push(dir);
    await addMigration(dir, "20000101000000_first", `CREATE TABLE "first_probe" ("id" INTEGER);\nSELECT 1/0;\n`);
    await expect(applyMigrations(url, dir)).rejects.toThrow(/Migration 20000101000000_first failed: division by zero/);
    expect(await tableExists(url, "first_probe")).toBe(false);
    expect(await rowsOf(url)).toEqual([]);
  });
});
