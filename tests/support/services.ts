import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Throwaway servers for the operations specs, which stop and start them: a
 * PostgreSQL cluster of its own (initdb + pg_ctl in a temp folder) and a
 * Redis of its own, so that an outage never touches the shared servers.
 */

/** initdb and postgres refuse to run as root: run them as the postgres user then. */
function asPostgresUser(cmd: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
}

/** The server's programs: on PATH, else where pg_config says, else Debian's layout (the newest version). */
function pgBin(name: string): string {
  const onPath = spawnSync("which", [name], { encoding: "utf8" });
  if (onPath.status === 0) return name;
  const bindir = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  if (bindir.status === 0 && existsSync(path.join(bindir.stdout.trim(), name))) return path.join(bindir.stdout.trim(), name);
  const debian = "/usr/lib/postgresql";
  const versions = existsSync(debian) ? readdirSync(debian).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => path.join(debian, v, "bin", name)).find((p) => existsSync(p));
  if (!found) throw new Error(`${name} not found: install PostgreSQL's server programs (Debian: apt-get install postgresql)`);
  return found;
}

export interface ThrowawayPostgres {
  url: string;
  start(): void;
  stop(): void;
  remove(): void;
}

export function throwawayPostgres(port: number): ThrowawayPostgres {
  const dir = mkdtempSync(path.join(tmpdir(), "postkey-pg-"));
  if (process.getuid?.() === 0) chownSync(dir, Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" })), 0);
  const data = path.join(dir, "data");
  const run = (cmd: string, args: string[]) => {
    const [c, a] = asPostgresUser(pgBin(cmd), args);
    execFileSync(c, a, { stdio: "pipe" });
  };
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const pg = {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    start: () => run("pg_ctl", ["-D", data, "-o", opts, "-l", path.join(dir, "server.log"), "-w", "start"]),
    /** A fast shutdown: open connections are terminated, as when an operator restarts the server. */
    stop: () => run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]),
    remove: () => {
      try {
        pg.stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  pg.start();
  return pg;
}

export interface ThrowawayRedis {
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A test that needs Redis fails, never skips, when the server program is
 * missing (CI installs it: .ci/run), and says what to install.
 */
function requireRedisServer(): void {
  if (spawnSync("which", ["redis-server"]).status !== 0)
    throw new Error("redis-server not found on PATH: the Redis tests start one of their own (Debian: apt-get install redis-server)");
}

export function throwawayRedis(port: number): ThrowawayRedis {
  let child: ChildProcess | undefined;
  return {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      requireRedisServer();
      child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout?.on("data", (d) => (out += d));
      const deadline = Date.now() + 10_000;
      while (!out.includes("Ready to accept connections")) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not start:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise((r) => c.once("exit", r));
      c.kill("SIGKILL");
      await exited;
    },
  };
}

/** A TCP port nobody listens on now (for a throwaway server). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
