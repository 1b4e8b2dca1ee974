import "dotenv/config";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runProfile } from "../../src/env";

/**
 * A local run needs no configuration: its SESSION_SECRET and its
 * DATA_ENCRYPTION_KEY are generated once and kept in .data/session-secret and
 * .data/data-encryption-key (mode 600). A deployment must be given both
 * (shared by all its instances); src/env.ts then stops the start.
 */
const DATA_DIR = path.join(process.cwd(), ".data");

export function ensureLocalSecrets(): void {
  if (runProfile(process.env) !== "local") return;
  process.env.SESSION_SECRET ||= keptSecret("session-secret", () => randomBytes(32).toString("base64url"));
  process.env.DATA_ENCRYPTION_KEY ||= keptSecret("data-encryption-key", () => randomBytes(32).toString("base64"));
}

function keptSecret(name: string, generate: () => string): string {
  const file = path.join(DATA_DIR, name);
  if (!existsSync(file)) {
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(file, generate(), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}
