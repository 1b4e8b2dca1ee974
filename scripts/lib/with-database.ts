import "dotenv/config";
import path from "node:path";
import { startEmbeddedPostgres } from "./embedded-postgres";

export const DATA_DIR = path.join(process.cwd(), ".data");

/** Runs `fn` against DATABASE_URL, or against the embedded database (started and stopped around it). */
export async function withDatabase(fn: (url: string) => Promise<void>): Promise<void> {
  if (process.env.DATABASE_URL) {
    await fn(process.env.DATABASE_URL);
    return;
  }
  const pg = await startEmbeddedPostgres(DATA_DIR);
  try {
    process.env.DATABASE_URL = pg.url;
    await fn(pg.url);
  } finally {
    await pg.stop();
  }
}
