// Generates the Prisma client when it is missing or older than the schema
// (npm may skip postinstall). The schema engine is not needed for this.
import { execSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";

const client = "src/generated/prisma/client.ts";
const schema = "prisma/schema.prisma";
if (!existsSync(client) || statSync(client).mtimeMs < statSync(schema).mtimeMs) {
  execSync("npx prisma generate", { stdio: "inherit", env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false" } });
}
