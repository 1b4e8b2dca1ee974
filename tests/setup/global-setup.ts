import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../src/server/migrations/apply-migrations";
import { startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres";
import { startTwilioStub } from "../support/twilio-stub";
import { WORKERS } from "./workers";

/**
 * A fresh database per run: on the server named by TEST_DATABASE_URL (CI uses
 * the machine's PostgreSQL), or on an embedded PGlite when none is configured.
 */
export default async function setup(project: TestProject) {
  const teardown: Array<() => Promise<void>> = [];
  let url: string;
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    const name = `postkey_test_${Date.now()}_${process.pid}`;
    const admin = new Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const u = new URL(server);
    u.pathname = `/${name}`;
    url = u.toString();
    teardown.push(async () => {
      const c = new Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    });
  } else {
    const dir = await mkdtemp(path.join(os.tmpdir(), "postkey-test-"));
    const pg = await startEmbeddedPostgres(dir, 0);
    url = pg.url;
    teardown.push(async () => {
      await pg.stop();
      await rm(dir, { recursive: true, force: true });
    });
  }
  await applyMigrations(url);
  // On a server, each worker gets its own copy of the migrated database (CREATE DATABASE … TEMPLATE),
  // so test files run side by side; the embedded PGlite has one database, so files run one by one there.
  const workerUrls = server ? await cloneForWorkers(server, url, WORKERS) : [url];
  if (server) {
    teardown.push(async () => {
      const c = new Client({ connectionString: server });
      await c.connect();
      for (const w of workerUrls) await c.query(`DROP DATABASE IF EXISTS "${new URL(w).pathname.slice(1)}" WITH (FORCE)`);
      await c.end();
    });
  }
  process.env.DATABASE_URL = url;
  project.provide("databaseUrl", url);
  project.provide("workerDatabaseUrls", workerUrls);
  // A Twilio-compatible stub per worker (its messages and programmed failures are global to it, so
  // two files side by side must not share one); tests point TWILIO_API_BASE_URL at their worker's.
  const stubs = await Promise.all(workerUrls.map(() => startTwilioStub()));
  for (const s of stubs) teardown.push(() => s.stop());
  project.provide(
    "twilioStubUrls",
    stubs.map((s) => s.url),
  );
  return async () => {
    for (const fn of teardown.reverse()) await fn();
  };
}

/** Copies of the migrated database, one per worker (vitest.config.ts maxWorkers). */
async function cloneForWorkers(server: string, template: string, count: number): Promise<string[]> {
  const admin = new Client({ connectionString: server });
  await admin.connect();
  const name = new URL(template).pathname.slice(1);
  const urls: string[] = [];
  try {
    for (let i = 1; i <= count; i++) {
      await admin.query(`CREATE DATABASE "${name}_w${i}" TEMPLATE "${name}"`);
      const u = new URL(template);
      u.pathname = `/${name}_w${i}`;
      urls.push(u.toString());
    }
  } finally {
    await admin.end();
  }
  return urls;
}

declare module "vitest" {
  export interface ProvidedContext {
    workerDatabaseUrls: string[];
    databaseUrl: string;
    twilioStubUrls: string[];
  }
}
