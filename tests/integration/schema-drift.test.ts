import { readFile } from "node:fs/promises";
import path from "node:path";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { applyMigrations } from "../../src/server/migrations/apply-migrations";
import { readPrismaSchema, schemaFromPrisma, type PrismaSchema } from "../support/prisma-model";
import { checkSchemaDrift } from "../support/schema-drift";
import { createTempDatabase, type TempDatabase } from "../support/temp-database";

/**
 * prisma/schema.prisma and the hand-written SQL in prisma/migrations must
 * describe the same database. This builds a database from nothing with our
 * migration runner and compares every model, field, enum, key, index and
 * foreign key of the schema with what PostgreSQL reports.
 *
 * The database is a new one created on the test server. When the server
 * cannot provide one (the embedded PGlite used without TEST_DATABASE_URL
 * accepts CREATE DATABASE but always connects to its single database), the
 * run's own test database is checked instead: global setup created it empty
 * and migrated it with the same runner, and tests only change rows, never the
 * structure.
 */

const root = path.resolve(import.meta.dirname, "../..");
const schemaFile = path.join(root, "prisma", "schema.prisma");
const migrationsDir = path.join(root, "prisma", "migrations");
const testDatabaseUrl = inject("databaseUrl");

let temp: TempDatabase | null = null;
let targetUrl = testDatabaseUrl;
let schema: PrismaSchema;

beforeAll(async () => {
  schema = await readPrismaSchema(schemaFile);
  temp = await createTempDatabase(testDatabaseUrl, "drift");
  if (temp) {
    targetUrl = temp.url;
    const result = await applyMigrations(targetUrl, migrationsDir);
    expect(result.alreadyApplied).toEqual([]);
    expect(result.applied.length).toBeGreaterThan(0);
  }
});

afterAll(async () => {
  await temp?.drop();
});

async function withClient<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: targetUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

describe("Prisma's model of schema.prisma, as the checker reads it", () => {
  it("sees every model, enum and field of schema.prisma", async () => {
    const src = await readFile(schemaFile, "utf8");
    const modelNames = [...src.matchAll(/^\s*model\s+(\w+)\s*\{/gm)].map((m) => m[1]);
    const enumNames = [...src.matchAll(/^\s*enum\s+(\w+)\s*\{/gm)].map((m) => m[1]);
    expect(modelNames.length).toBeGreaterThan(0);
    expect(schema.models.map((m) => m.name).sort()).toEqual([...modelNames].sort());
    expect(schema.enums.map((e) => e.name).sort()).toEqual([...enumNames].sort());
    for (const m of schema.models) expect(m.fields.length, m.name).toBeGreaterThan(0);
    // Spot checks of what the model carries.
    const rateLimit = schema.models.find((m) => m.name === "RateLimit")!;
    expect(rateLimit.table).toBe("rate_limits");
    expect(rateLimit.fields.find((f) => f.name === "key")).toMatchObject({ native: { name: "VarChar", args: ["255"] }, id: {} });
    const mail = schema.models.find((m) => m.name === "MailAccount")!;
    expect(mail.fields.find((f) => f.name === "department")).toMatchObject({
      kind: "object",
      isOptional: true,
      relation: { fields: ["departmentId"], references: ["id"], onDelete: "SetNull" },
    });
    expect(mail.fields.find((f) => f.name === "role")).toMatchObject({ kind: "enum", default: { kind: "ident", name: "EMPLOYEE" } });
    expect(mail.indexes.map((i) => i.fields.map((f) => f.name))).toEqual([
      ["domainId", "displayName", "address", "id"],
      ["displayName"],
      ["address"],
      ["domainId", "departmentId"],
      ["domainId", "lastLogonAt"],
      ["domainId", "mustChangePassword"],
      ["domainId", "passwordChangedAt"],
    ]);
    // The search's trigram indexes: GIN with their operator class.
    expect(mail.indexes[1]).toMatchObject({ method: "gin", fields: [{ name: "displayName", opclass: "gin_trgm_ops" }] });
  });

  it("refuses what the checker cannot judge instead of skipping it", () => {
    const wrap = (body: string) => `datasource db {\n  provider = "postgresql"\n}\nmodel M {\n  id String @id\n${body}\n}\n`;
    expect(() => schemaFromPrisma(wrap("  @@index([id], type: Hash)"))).toThrow(/using Hash is not understood/);
    expect(() => schemaFromPrisma(wrap("  a Strin"))).toThrow(/could not read the schema/);
  });
});

describe("database built by prisma/migrations", () => {
  it("matches prisma/schema.prisma exactly", async () => {
    const problems = await withClient((c) => checkSchemaDrift(c, schema));
    expect(problems).toEqual([]);
  });

  // The checker must see deliberate drift, so the test above cannot pass
  // vacuously. Each change runs in a transaction that is rolled back.
  const drifts: Array<[string, string, RegExp]> = [
    [
      "a required column made nullable",
      `ALTER TABLE "MailAccount" ALTER COLUMN "displayName" DROP NOT NULL`,
      /MailAccount\.displayName .*: column is nullable, schema says required/,
    ],
    [
      "an optional column made NOT NULL",
      `ALTER TABLE "AuditEvent" ALTER COLUMN "detail" SET NOT NULL`,
      /AuditEvent\.detail .*: column is NOT NULL, schema says optional/,
    ],
    [
      "a changed column type",
      `ALTER TABLE "rate_limits" ALTER COLUMN "key" TYPE text`,
      /RateLimit\.key .*: type is text, schema expects character varying\(255\)/,
    ],
    [
      "a timestamp without the millisecond precision",
      `ALTER TABLE "CaptchaChallenge" ALTER COLUMN "expiresAt" TYPE timestamp`,
      /CaptchaChallenge\.expiresAt .*: type is timestamp without time zone, schema expects timestamp\(3\) without time zone/,
    ],
    [
      "a changed default",
      `ALTER TABLE "Domain" ALTER COLUMN "edition" SET DEFAULT 'Basic'`,
      /Domain\.edition .*: default is 'Basic'::text, schema expects "Enterprise"/,
    ],
    [
      "a dropped default",
      `ALTER TABLE "MailAccount" ALTER COLUMN "role" DROP DEFAULT`,
      /MailAccount\.role .*: default is none, schema expects "EMPLOYEE"/,
    ],
    [
      "an unexpected default",
      `ALTER TABLE "RecoveryFlow" ALTER COLUMN "ip" SET DEFAULT ''`,
      /RecoveryFlow\.ip .*: default is ''::text, schema expects no default/,
    ],
    [
      "an extra column",
      `ALTER TABLE "AuditEvent" ADD COLUMN "extra" text`,
      /column "extra" \(text\) exists in the database but not in the model/,
    ],
    ["a missing column", `ALTER TABLE "SmsMessage" DROP COLUMN "errorCode"`, /SmsMessage\.errorCode .*: column does not exist/],
    ["an extra table", `CREATE TABLE "Stray" ("id" integer)`, /table "Stray" exists in the database but no model maps to it/],
    ["a missing table", `DROP TABLE "CaptchaChallenge"`, /model CaptchaChallenge: table "CaptchaChallenge" does not exist/],
    [
      "an extra enum label",
      `ALTER TYPE "SmsStatus" ADD VALUE 'DELIVERED'`,
      /enum SmsStatus: labels are \[QUEUED, SENT, FAILED, DELIVERED\]/,
    ],
    [
      "reordered enum labels",
      `ALTER TYPE "RecoveryStep" ADD VALUE 'FAILED2' BEFORE 'VERIFY'`,
      /enum RecoveryStep: labels are \[FAILED2, VERIFY/,
    ],
    [
      "a dropped index",
      `DROP INDEX "MailAccount_domainId_displayName_address_id_idx"`,
      /@@index\(\[domainId, displayName, address, id\]\) expects an index on \("domainId", "displayName", "address", "id"\)/,
    ],
    [
      "a trigram index made as a btree",
      `DROP INDEX "MailAccount_address_trgm_idx"; CREATE INDEX "MailAccount_address_trgm_idx" ON "MailAccount" ("address")`,
      /index "MailAccount_address_trgm_idx" uses btree, expected gin/,
    ],
    [
      "an index on other columns",
      `DROP INDEX "SmsMessage_accountId_createdAt_idx"; CREATE INDEX "SmsMessage_accountId_createdAt_idx" ON "SmsMessage" ("createdAt", "accountId")`,
      /expects an index "SmsMessage_accountId_createdAt_idx" on \("accountId", "createdAt"\), but .* is non-unique on \("createdAt", "accountId"\)/,
    ],
    [
      "a unique constraint on fewer columns",
      `DROP INDEX "Department_domainId_parentId_name_key"; CREATE UNIQUE INDEX "Department_domainId_name_key" ON "Department" ("domainId", "name")`,
      /@@unique\(\[domainId, parentId, name\]\) expects a unique index on \("domainId", "parentId", "name"\)/,
    ],
    ["a dropped @unique", `DROP INDEX "CloudAccount_email_key"`, /@unique on email expects a unique index on \("email"\)/],
    [
      "an extra index",
      `CREATE INDEX "stray_idx" ON "Domain" ("name", "createdAt")`,
      /index "stray_idx" on \("name", "createdAt"\) exists in the database but not in the schema/,
    ],
    [
      "a different ON DELETE action",
      `ALTER TABLE "MailAccount" DROP CONSTRAINT "MailAccount_departmentId_fkey",
         ADD CONSTRAINT "MailAccount_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
      /MailAccount\.department -> Department: foreign key "MailAccount_departmentId_fkey" is ON DELETE Cascade, schema expects onDelete: SetNull/,
    ],
    [
      "an ON UPDATE action other than Prisma's default",
      `ALTER TABLE "Domain" DROP CONSTRAINT "Domain_ownerId_fkey",
         ADD CONSTRAINT "Domain_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "CloudAccount"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      /Domain\.owner -> CloudAccount: foreign key "Domain_ownerId_fkey" is ON UPDATE NoAction, schema expects onUpdate: Cascade \(Prisma's default\)/,
    ],
    [
      "a missing foreign key",
      `ALTER TABLE "AuditEvent" DROP CONSTRAINT "AuditEvent_domainId_fkey"`,
      /AuditEvent\.domain -> Domain: foreign key \("domainId"\) -> "Domain"\("id"\) .* is missing/,
    ],
    [
      "an extra foreign key",
      `ALTER TABLE "SmsMessage" ADD CONSTRAINT "SmsMessage_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "MailAccount"("id")`,
      /foreign key "SmsMessage_accountId_fkey" \("accountId"\) -> "MailAccount"\("id"\) exists in the database but not in the schema/,
    ],
    [
      "a different primary key",
      `ALTER TABLE "SecurityQuestion" DROP CONSTRAINT "SecurityQuestion_pkey", ADD CONSTRAINT "SecurityQuestion_pkey" PRIMARY KEY ("id", "accountId")`,
      /model SecurityQuestion: primary key is \("id", "accountId"\), schema expects \("id"\)/,
    ],
    ["a renamed enum type", `ALTER TYPE "ActorKind" RENAME TO "ActorType"`, /enum ActorKind: type "ActorKind" does not exist/],
  ];

  it.each(drifts)("checker reports %s", async (_what, sql, expected) => {
    const problems = await withClient(async (c) => {
      await c.query("BEGIN");
      try {
        await c.query(sql);
        return await checkSchemaDrift(c, schema);
      } finally {
        await c.query("ROLLBACK");
      }
    });
    expect(
      problems.some((p) => expected.test(p)),
      `no problem matched ${expected}; got:\n${problems.join("\n")}`,
    ).toBe(true);
  });

  it("a model the database lacks and a field whose column is missing are reported from the schema side too", async () => {
    const extra = schemaFromPrisma(
      `${await readFile(schemaFile, "utf8")}\nmodel Ghost {\n  id String @id\n}\n`.replace(
        /model CaptchaChallenge \{/,
        "model CaptchaChallenge {\n  ghostColumn Int?",
      ),
    );
    const problems = await withClient((c) => checkSchemaDrift(c, extra));
    expect(problems).toEqual([
      `CaptchaChallenge.ghostColumn (column "CaptchaChallenge"."ghostColumn"): column does not exist`,
      `model Ghost: table "Ghost" does not exist`,
    ]);
  });
});
