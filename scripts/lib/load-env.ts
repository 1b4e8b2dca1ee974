import "dotenv/config";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runProfile } from "../../src/env";

/**
 * A local run needs no configuration: its SESSION_SECRET is generated once
 * and kept in .data/session-secret (mode 600). A deployment must be given
 * one (shared by all its instances); src/env.ts then stops the start.
 */
const DATA_DIR = path.join(process.cwd(), ".data");

export function ensureLocalSessionSecret(): void {
  if (process.env.SESSION_SECRET || runProfile(process.env) !== "local") return;
  const file = path.join(DATA_DIR, "session-secret");
  if (!existsSync(file)) {
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  process.env.SESSION_SECRET = readFileSync(file, "utf8").trim();
}
