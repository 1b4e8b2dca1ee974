// First: what it turns off applies to every module loaded after it.
import "./source-maps";
import path from "node:path";
import next from "next";
import { formatEnvError, envSchema } from "@/env";
import { markDraining, runShutdownHooks } from "@/server/lifecycle";
import { guardActionRequest, readActionIds, refuseAction } from "./action-guard";
import { logger } from "@/server/observability/logger";
import { createAppServer } from "./http-server";
import { createRouteLabeler } from "./route-label";

/**
 * The app's process: Next's request handler inside Postkey's own HTTP server
 * (client IP from the socket and TRUST_PROXY), started by scripts/lib/serve.ts
 * once the database is migrated. SIGTERM or SIGINT drains it: no new
 * connections, requests in flight get up to DRAIN_MS to finish, then the
 * database pool and the rate-limit store are closed and the process exits 0.
 * With SHUTDOWN_DELAY_MS, it first keeps serving that long while /readyz
 * answers 503, so that a balancer takes it out before it stops accepting.
 */
const DRAIN_MS = 10_000;
const dev = process.argv.includes("--dev");

const parsed = envSchema.safeParse(process.env);
if (!parsed.success) {
  console.error(formatEnvError(parsed.error));
  process.exit(1);
}
const env = parsed.data;

// next.config.ts through Node's own type stripping instead of SWC (about 24 MiB and two threads at
// every start): what `next build|start --experimental-next-config-strip-types` sets. A custom server
// has no such flag; e2e/operations/app-process.spec.ts checks that SWC stays out of this process.
process.env.__NEXT_NODE_NATIVE_TS_LOADER_ENABLED ??= "true";

// src/instrumentation.ts checks this: the app refuses to serve under a server that trusts client headers.
process.env.POSTKEY_HTTP_SERVER = "1";

// The app's folder is the working directory, as for the hashing worker and the migrations: npm start,
// the e2e instances and the benchmarks start this process there.
const root = process.cwd();
const app = next({ dev, dir: root, turbopack: dev || undefined, port: env.PORT });
await app.prepare();
const handle = app.getRequestHandler();
// Known action ids of this build (a dev server compiles as it goes: no list to check against).
const nextDir = path.join(root, ".next");
const actionIds = dev ? null : readActionIds(nextDir);
const server = createAppServer(
  async (req, res) => {
    const checked = await guardActionRequest(req, env.APP_URL, actionIds);
    if (!checked.ok) return refuseAction(res, checked.status, checked.message);
    return handle(checked.req, res);
  },
  { trustProxy: env.TRUST_PROXY, metricsToken: env.METRICS_TOKEN, routeLabel: createRouteLabeler(dev ? null : nextDir) },
);
const port = await server.listen(env.PORT, env.HOST);
const log = logger();
log.info(
  { port, address: env.HOST ?? "*", trustProxy: env.TRUST_PROXY, metrics: Boolean(env.METRICS_TOKEN), profile: env.profile },
  `Postkey is listening on port ${port} (${env.HOST ?? "every interface"})${env.TRUST_PROXY ? `, trusting ${env.TRUST_PROXY} proxy hop${env.TRUST_PROXY > 1 ? "s" : ""}` : ""}.`,
);
process.send?.({ ready: port });

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal, inFlight: server.inFlight }, `${signal}: finishing requests in flight (at most ${DRAIN_MS / 1000} s)…`);
  markDraining(); // /readyz answers 503 from now on
  if (env.SHUTDOWN_DELAY_MS) await new Promise((resolve) => setTimeout(resolve, env.SHUTDOWN_DELAY_MS));
  const { forced } = await server.drain(DRAIN_MS);
  if (forced) log.warn({ forced }, `${forced} request(s) did not finish in time and were cut off.`);
  await app.close().catch(() => undefined);
  await runShutdownHooks();
  log.info("Postkey stopped.");
  log.flush();
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
