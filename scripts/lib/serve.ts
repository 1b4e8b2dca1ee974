import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { Client } from "pg";
import { formatEnvError, envSchema, type Env } from "@/env";
import { applyMigrations } from "@/server/migrations/apply-migrations";
import { appProcessEnv } from "@/runtime/app-process-env";
import { buildIfStale } from "./build-if-stale";
import { type EmbeddedPostgres } from "./embedded-postgres";
import { ensureLocalSecrets } from "./load-env";
import { useEmbeddedDatabaseIfUnset } from "./with-database";
import { printBanner } from "./banner";

/** The app's own process: Next's handler inside Postkey's HTTP server. */
const APP_SERVER = path.join(import.meta.dirname, "..", "..", "src", "runtime", "app-server.ts");

export interface ServeOptions {
  dev: boolean;
  dataDir?: string;
  quiet?: boolean;
  /** Check the configuration and the database, migrate (and seed a local run), then exit without serving. */
  prepareOnly?: boolean;
}

/**
 * npm start / npm run dev: embedded database unless DATABASE_URL is set,
 * configuration check (src/env.ts decides local run or deployment),
 * migrations, demo data on an empty database of a local run only, a build
 * when stale, then the app's own HTTP server (src/runtime/app-server.ts) in a
 * child process. Ctrl-C or SIGTERM drains the app, then stops the database.
 */
export async function serve(opts: ServeOptions): Promise<void> {
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  let embedded: EmbeddedPostgres | null = null;
  const stopAll = async (child?: ChildProcess) => {
    if (child && child.exitCode === null && child.signalCode === null) {
      // The app drains its requests (up to 10 s, after SHUTDOWN_DELAY_MS) before it exits; the database stays up until then.
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const grace = 15_000 + (Number(process.env.SHUTDOWN_DELAY_MS) || 0);
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, grace).unref())]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    await embedded?.stop();
  };

  let env: Env;
  try {
    (process.env as Record<string, string>).NODE_ENV ??= opts.dev ? "development" : "production";
    embedded = await useEmbeddedDatabaseIfUnset(opts.dataDir);
    if (embedded) console.log(`Embedded PostgreSQL (PGlite) running; data in ${opts.dataDir ?? ".data"}/pglite`);
    ensureLocalSecrets();
    const parsed = envSchema.safeParse(process.env);
    if (!parsed.success) throw new Error(formatEnvError(parsed.error));
    env = parsed.data;
    await prepareDatabase(env);
    if (env.CAPTCHA_TEST_MODE) {
      console.warn("\n!!! WARNING: CAPTCHA_TEST_MODE=1 (APP_ENV=test) — the image code PASSED is accepted. Automated tests only. !!!\n");
    }
    if (opts.prepareOnly) {
      console.log(`Configuration and database are ready (${env.profile === "local" ? "local run" : "deployment"}).`);
      await stopAll();
      process.exit(0);
    }
    if (!opts.dev) await buildIfStale(process.cwd(), process.env);
  } catch (e) {
    console.error((e as Error).message);
    await stopAll();
    process.exit(1);
  }

  if (!opts.quiet) console.log("Starting the app's server…");
  const child = spawn(process.execPath, ["--import", "tsx", APP_SERVER, ...(opts.dev ? ["--dev"] : [])], {
    env: appProcessEnv(process.env),
    stdio: ["inherit", "inherit", "inherit", "ipc"],
  });
  // The banner once the app answers: its URLs work from the moment they are printed.
  child.on("message", (m: { ready?: number }) => {
    if (m.ready && !opts.quiet) printBanner({ url: env.APP_URL ?? `http://localhost:${m.ready}`, profile: env.profile, host: env.HOST });
  });
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

/** Reachable, migrated, and (on a local run only) the demo data in an empty database. */
async function prepareDatabase(env: Env): Promise<void> {
  await checkDatabase(env.DATABASE_URL);
  const { applied } = await applyMigrations(env.DATABASE_URL);
  if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
  const { seedDemoData, isDatabaseEmpty } = await import("@/server/seed/seed-demo-data");
  const { runShutdownHooks } = await import("@/server/lifecycle");
  if (await isDatabaseEmpty()) {
    if (env.profile === "local") {
      await seedDemoData();
      console.log("Seeded the demo data (empty database, local run).");
    } else {
      console.log(
        "The database is empty. A deployment is never seeded with demo data: create the cloud operator and domains with your provisioning.",
      );
    }
  }
  await checkStoredSecrets();
  // The pool, and the hashing process the seed started: the app's process has its own.
  await runShutdownHooks();
}

/** Stops the start when stored secrets exist that no configured key opens (src/server/security/check-sealed-data.ts). */
async function checkStoredSecrets(): Promise<void> {
  const { checkSealedData } = await import("@/server/security/check-sealed-data");
  const { problems, warnings } = await checkSealedData();
  for (const w of warnings) console.warn(`Stored secrets: ${w}`);
  if (problems.length) {
    const { runShutdownHooks } = await import("@/server/lifecycle");
    await runShutdownHooks();
    throw new Error(`Stored secrets cannot be read with this configuration:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  }
}

async function checkDatabase(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (e) {
    throw new Error(`Invalid configuration:\n  DATABASE_URL: cannot connect to the database (${(e as Error).message})`, { cause: e });
  } finally {
    await client.end().catch(() => undefined);
  }
}
