import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { getEnv } from "@/env";
import { offShutdown, onShutdown } from "@/server/lifecycle";

/**
 * The one Prisma client, over @prisma/adapter-pg (no engine binary). Password
 * and answer hashes are omitted globally so they cannot leak into a page;
 * the few functions that verify them ask with `omit: { passwordHash: false }`.
 */
function createClient(url: string) {
  const adapter = new PrismaPg({ connectionString: url, max: 10 });
  return new PrismaClient({
    adapter,
    omit: {
      mailAccount: { passwordHash: true },
      cloudAccount: { passwordHash: true },
      securityQuestion: { answerHash: true },
      passwordHistory: { passwordHash: true },
      captchaChallenge: { answerHash: true },
      verification: { codeHash: true },
    },
  });
}

export type Db = ReturnType<typeof createClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { postkeyDb?: Db };

export function getDb(): Db {
  if (!globalForDb.postkeyDb) {
    globalForDb.postkeyDb = createClient(getEnv().DATABASE_URL);
    onShutdown("database", disconnectDb);
  }
  return globalForDb.postkeyDb;
}

export async function disconnectDb(): Promise<void> {
  const db = globalForDb.postkeyDb;
  globalForDb.postkeyDb = undefined;
  offShutdown("database");
  await db?.$disconnect();
}
