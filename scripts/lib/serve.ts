import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { Client } from "pg";
import { formatEnvError, envSchema } from "@/env";
import { applyMigrations } from "@/server/migrations/apply-migrations";
import { buildIfStale } from "./build-if-stale";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";
import { DATA_DIR } from "./with-database";
import { printBanner } from "./banner";

/** The app's own process: Next's handler inside Postkey's HTTP server. */
const APP_SERVER = path.join(import.meta.dirname, "..", "app-server.ts");

export interface ServeOptions {
  dev: boolean;
  dataDir?: string;
  quiet?: boolean;
}

/**
 * npm start / npm run dev: embedded database unless DATABASE_URL is set,
 * configuration check, migrations, demo data on an empty database, a build
 * when stale, then the app's own HTTP server (scripts/app-server.ts) in a
 * child process. Ctrl-C or SIGTERM drains the app, then stops the database.
 */
export async function serve(opts: ServeOptions): Promise<void> {
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  let embedded: EmbeddedPostgres | undefined;
  if (!process.env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres(opts.dataDir ?? DATA_DIR);
    process.env.DATABASE_URL = embedded.url;
    console.log(`Embedded PostgreSQL (PGlite) running; data in ${opts.dataDir ?? ".data"}/pglite`);
  }
  const stopAll = async (child?: ChildProcess) => {
    if (child && child.exitCode === null && child.signalCode === null) {
      // The app drains its requests (up to 10 s) before it exits; the database stays up until then.
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000).unref())]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    await embedded?.stop();
  };
  try {
    (process.env as Record<string, string>).NODE_ENV ??= opts.dev ? "development" : "production";
    const parsed = envSchema.safeParse(process.env);
    if (!parsed.success) throw new Error(formatEnvError(parsed.error));
    await checkDatabase(parsed.data.DATABASE_URL);
    const { applied } = await applyMigrations(parsed.data.DATABASE_URL);
    if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
    const { seedDemoData, isDatabaseEmpty } = await import("@/server/seed/seed-demo-data");
    if (await isDatabaseEmpty()) {
      await seedDemoData();
      console.log("Seeded the demo data (empty database).");
    }
    (await import("@/server/db")).disconnectDb();
    if (parsed.data.CAPTCHA_TEST_MODE) {
      console.warn("\n!!! WARNING: CAPTCHA_TEST_MODE=1 — the image code PASSED is accepted. Use this for automated tests only. !!!\n");
    }
    if (!opts.dev) buildIfStale(process.cwd(), serverEnv());
  } catch (e) {
    console.error((e as Error).message);
    await stopAll();
    process.exit(1);
  }

  const port = String(process.env.PORT ?? 3000);
  const child = spawn(process.execPath, ["--import", "tsx", APP_SERVER, ...(opts.dev ? ["--dev"] : [])], { env: serverEnv(), stdio: "inherit" });
  if (!opts.quiet) printBanner(process.env.APP_URL ?? `http://localhost:${port}`);
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await stopAll(child);
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  child.on("exit", (code) => void shutdown(code ?? 0));
}

/** Next's server must not inherit the react-server condition these scripts run under. */
function serverEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (env.NODE_OPTIONS) env.NODE_OPTIONS = env.NODE_OPTIONS.replace(/--conditions[= ]react-server/g, "").trim();
  return env;
}

async function checkDatabase(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (e) {
    throw new Error(`Invalid configuration:\n  DATABASE_URL: cannot connect to the database (${(e as Error).message})`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
