import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../src/server/migrations/apply-migrations";
import { startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres";
import { startTwilioStub } from "../support/twilio-stub";

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
  process.env.DATABASE_URL = url;
  project.provide("databaseUrl", url);
  // One Twilio-compatible stub for the run; tests point TWILIO_API_BASE_URL at it.
  const twilioStub = await startTwilioStub();
  teardown.push(() => twilioStub.stop());
  project.provide("twilioStubUrl", twilioStub.url);
  return async () => {
    for (const fn of teardown.reverse()) await fn();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    twilioStubUrl: string;
  }
}
