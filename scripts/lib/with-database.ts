import "dotenv/config";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";

export const DATA_DIR = path.join(process.cwd(), ".data");

/**
 * With no DATABASE_URL, starts the embedded PostgreSQL (data in `dataDir`)
 * and points DATABASE_URL at it; POSTKEY_EMBEDDED_DB marks the run as local
 * (src/env.ts runProfile). Returns null when a database was configured.
 */
export async function useEmbeddedDatabaseIfUnset(dataDir = DATA_DIR): Promise<EmbeddedPostgres | null> {
  if (process.env.DATABASE_URL) return null;
  const pg = await startEmbeddedPostgres(dataDir);
  process.env.DATABASE_URL = pg.url;
  process.env.POSTKEY_EMBEDDED_DB = "1";
  return pg;
}

/** Runs `fn` against DATABASE_URL, or against the embedded database (started and stopped around it). */
export async function withDatabase(fn: (url: string) => Promise<void>): Promise<void> {
  const pg = await useEmbeddedDatabaseIfUnset();
  try {
    await fn(process.env.DATABASE_URL as string);
  } finally {
    await pg?.stop();
  }
}
