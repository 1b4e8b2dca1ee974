import { defineConfig } from "prisma/config";

// Prisma 7 reads the connection string here (only the CLI needs it; the app
// connects through @prisma/adapter-pg in src/server/db.ts).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postkey" },
});
