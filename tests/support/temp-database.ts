import { randomBytes } from "node:crypto";
import { Client } from "pg";

/**
 * Temporary databases on the test server, for the schema-drift and migration
 * tests (each makes empty databases of its own and drops them after).
 */

export interface TempDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/**
 * Creates an empty database next to the one `adminUrl` points at. Returns null
 * when the server cannot give us a separate database: CREATE DATABASE fails,
 * or (embedded PGlite) it "succeeds" but every connection still lands in the
 * one and only database.
 */
export async function createTempDatabase(adminUrl: string, prefix: string): Promise<TempDatabase | null> {
  const name = `${prefix}_${Date.now()}_${randomBytes(4).toString("hex")}`.toLowerCase();
  try {
    await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  } catch {
    return null;
  }
  const drop = () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  const url = withDatabase(adminUrl, name);
  let actual: string | undefined;
  try {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      actual = (await c.query<{ db: string }>("SELECT current_database() AS db")).rows[0]?.db;
    } finally {
      await c.end();
    }
  } catch {
    actual = undefined;
  }
  if (actual !== name) {
    await drop().catch(() => undefined);
    return null;
  }
  return { name, url, drop };
}

/** Whether createTempDatabase works on this server (creates and drops a probe database). */
export async function canCreateTempDatabases(adminUrl: string): Promise<boolean> {
  const db = await createTempDatabase(adminUrl, "probe");
  if (!db) return false;
  await db.drop();
  return true;
}
