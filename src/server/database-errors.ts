/**
 * Is this error the database being unreachable (stopped, restarting, out of
 * connections, network gone), as opposed to a bug or a constraint? Such an
 * error becomes "temporarily unavailable" for the user and a 503, and puts
 * the app in its outage mode until the database answers again (db.ts).
 * Prisma (through @prisma/adapter-pg) and node-postgres report it in
 * different shapes; the cause chain is followed a few levels down.
 * A pool whose connections are all busy ("timeout exceeded when trying to
 * connect", P2024) is load, not an outage: it is not counted here.
 */
/** Not P2024 (pool timeout): all connections busy is load, not an outage. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017"]);
/** SQLSTATE: admin/crash shutdown, cannot connect now, connection exceptions, too many connections. */
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006", "53300"]);
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EPIPE",
  "EAI_AGAIN",
]);
const MESSAGES =
  /Can't reach database server|Connection terminated|Server has closed the connection|Connection refused|terminating connection due to administrator command|the database system is (starting up|shutting down)/i;

export function isDatabaseUnavailableError(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e && typeof e === "object"; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (PRISMA_CODES.has(code) || SQLSTATES.has(code) || NETWORK_CODES.has(code))) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === "string" && MESSAGES.test(message)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Runs `work` for a caller that never throws (sending an email or an SMS): any fault is `onFault`'s to log
 * and answer, except the database being unreachable, which goes up (the caller answers "temporarily
 * unavailable"; nothing was done).
 */
export async function unlessDatabaseDown<R, F>(work: () => Promise<R>, onFault: (error: unknown) => F): Promise<R | F> {
  try {
    return await work();
  } catch (e) {
    if (isDatabaseUnavailableError(e)) throw e;
    return onFault(e);
  }
}
