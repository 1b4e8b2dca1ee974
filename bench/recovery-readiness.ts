/**
 * `npm run bench -- readiness`: the Recovery Readiness report's figures (getRecoveryReadiness, its one
 * aggregate query and the department tree) for a domain of 100,000 accounts, against the page's 300 ms
 * p95 (the query is the page's main cost). The accounts are seeded by the HTTP benchmark's seedEmployees
 * (bench/http-flows.ts), then given a mix of recovery methods a company part-way through registration
 * might have (below), spread over 24 departments two levels deep.
 */
import { getDb } from "../src/server/db";
import { getRecoveryReadiness } from "../src/server/admin/get-recovery-readiness";
import { resolvePostmaster } from "../src/server/admin/postmaster";
import { readinessSql } from "../src/server/admin/internal/readiness-query";
import { newId } from "../src/server/ids";
import { seedEmployees } from "./http-flows";
import { median, percentile, round, timed } from "./stats";

const TARGET_P95_MS = 300;
const ACCOUNTS = 100_000;
const PREFIX = "ready";

/**
 * The mix, by account number i (in %): a verified secure mobile 60, a verified backup email 25, three
 * security questions 40 (and two of three, not enough, 5 more), an authenticator app 10 with its 10
 * recovery codes (3 of them used), disabled 3.
 */
const MIX = `
  mobile: i % 10 < 6; backup email: i % 4 = 0; questions: 3 when i % 5 < 2, 2 when i % 20 = 19;
  app: i % 10 = 3, 10 codes, 3 used; disabled: i % 33 = 0`;

export interface ReadinessBench {
  name: "readiness";
  /** Accounts of the domain measured (the seeded ones and the demo's). */
  accounts: number;
  departments: number;
  questionRows: number;
  recoveryCodeRows: number;
  mix: string;
  samples: number;
  medianMs: number;
  p95Ms: number;
  /** The query's own plan, once (EXPLAIN ANALYZE): the nodes and the time PostgreSQL reports. */
  plan: string[];
  figures: { total: number; ready: number; byMethod: Record<string, number>; needsTwoProofs: number; readyTwoProofs: number };
  targetP95Ms: number;
  pass: boolean;
}

async function seedDepartments(domainId: string): Promise<string[]> {
  const db = getDb();
  const ids: string[] = [];
  for (const top of ["Engineering", "Sales", "Finance", "Operations", "Support", "People"]) {
    const parent = (await db.department.findFirst({ where: { domainId, parentId: null, name: top }, select: { id: true } }))?.id ?? newId();
    await db.department.upsert({ where: { id: parent }, create: { id: parent, domainId, name: top }, update: {} });
    ids.push(parent);
    for (const sub of ["North", "South", "East"]) {
      const id = newId();
      await db.department.create({ data: { id, domainId, parentId: parent, name: `${top} ${sub}` } });
      ids.push(id);
    }
  }
  return ids;
}

async function seedMix(): Promise<void> {
  const db = getDb();
  const hash = (await db.mailAccount.findFirstOrThrow({ where: { id: `${PREFIX}-0` }, omit: { passwordHash: false } })).passwordHash;
  // An account's number i is its address's (seedEmployees writes <prefix>.user<i>@example.com).
  const n = `substring("address" from '^${PREFIX}\\.user([0-9]+)@')::int`;
  const seeded = `"address" LIKE '${PREFIX}.user%'`;
  await db.$executeRawUnsafe(
    `UPDATE "MailAccount" SET
       "secureMobile" = CASE WHEN ${n} % 10 < 6 THEN '+1415' || (2000000 + ${n})::text END,
       "secureMobileVerifiedAt" = CASE WHEN ${n} % 10 < 6 THEN now() END,
       "backupEmail" = CASE WHEN ${n} % 4 = 0 THEN 'home' || ${n} || '@mail.example.net' END,
       "backupEmailVerifiedAt" = CASE WHEN ${n} % 4 = 0 THEN now() END,
       "totpEnabledAt" = CASE WHEN ${n} % 10 = 3 THEN now() END,
       "status" = CASE WHEN ${n} % 33 = 0 THEN 'DISABLED'::"AccountStatus" ELSE 'ACTIVE'::"AccountStatus" END,
       -- The app's ids are random UUIDs (src/server/ids.ts), not ordered like seedEmployees' <prefix>-<i>:
       -- every join on them hashes or probes as it would in production.
       "id" = gen_random_uuid()::text
     WHERE ${seeded}`,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "SecurityQuestion" ("id", "accountId", "position", "question", "answerHash")
     SELECT gen_random_uuid()::text, "id", k, 'Question ' || k, $1
     FROM "MailAccount", generate_series(1, 3) AS k
     WHERE ${seeded} AND (${n} % 5 < 2 OR (${n} % 20 = 19 AND k < 3))`,
    hash,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "TwoStepRecoveryCode" ("id", "accountId", "codeHash", "usedAt", "createdAt")
     SELECT gen_random_uuid()::text, "id", $1, CASE WHEN k <= 3 THEN now() END, now()
     FROM "MailAccount", generate_series(1, 10) AS k
     WHERE ${seeded} AND ${n} % 10 = 3`,
    hash,
  );
  // What autovacuum does within a minute of such an insert: statistics, and the visibility map.
  for (const table of ["MailAccount", "SecurityQuestion", "TwoStepRecoveryCode", "Department"])
    await db.$executeRawUnsafe(`VACUUM ANALYZE "${table}"`);
}

export async function benchReadiness(samples: number): Promise<ReadinessBench> {
  const db = getDb();
  const domain = await db.domain.findUniqueOrThrow({ where: { name: "example.com" }, select: { id: true } });
  const departments = await seedDepartments(domain.id);
  await seedEmployees(PREFIX, ACCOUNTS, { departments });
  await seedMix();
  const pmRow = await db.mailAccount.findFirstOrThrow({ where: { domainId: domain.id, role: "POSTMASTER" }, select: { id: true } });
  const caller = await resolvePostmaster(pmRow.id, "bench", { ip: "127.0.0.1", userAgent: "bench" });
  if (!caller.ok) throw new Error("example.com's postmaster is not an active postmaster");
  const input = { postmaster: caller.postmaster };
  for (let i = 0; i < 3; i++) await getRecoveryReadiness(input); // warm-up
  const times: number[] = [];
  let last = await getRecoveryReadiness(input);
  for (let i = 0; i < samples; i++) {
    const { ms, value } = await timed(() => getRecoveryReadiness(input));
    times.push(ms);
    last = value;
  }
  const explain = await db.$queryRaw<Array<{ "QUERY PLAN": string }>>`EXPLAIN (ANALYZE, BUFFERS) ${readinessSql(domain.id)}`;
  const p95Ms = round(percentile(times, 95));
  return {
    name: "readiness",
    accounts: await db.mailAccount.count({ where: { domainId: domain.id } }),
    departments: await db.department.count({ where: { domainId: domain.id } }),
    questionRows: await db.securityQuestion.count(),
    recoveryCodeRows: await db.twoStepRecoveryCode.count(),
    mix: MIX.trim().replace(/\s+/g, " "),
    samples,
    medianMs: round(median(times)),
    p95Ms,
    plan: explain.map((r) => r["QUERY PLAN"]),
    figures: {
      total: last.total,
      ready: last.ready,
      byMethod: last.byMethod,
      needsTwoProofs: last.needsTwoProofs,
      readyTwoProofs: last.readyTwoProofs,
    },
    targetP95Ms: TARGET_P95_MS,
    pass: p95Ms <= TARGET_P95_MS,
  };
}

export function printReadiness(r: ReadinessBench): void {
  console.log(
    `\nRecovery readiness of a domain of ${r.accounts.toLocaleString("en")} accounts, ${r.departments} departments ` +
      `(${r.questionRows.toLocaleString("en")} question rows, ${r.recoveryCodeRows.toLocaleString("en")} recovery codes; target p95 ≤ ${r.targetP95Ms} ms)`,
  );
  console.log(
    `  getRecoveryReadiness    median ${String(r.medianMs).padStart(7)} ms   p95 ${String(r.p95Ms).padStart(7)} ms   (${r.samples} samples)`,
  );
  console.log(
    `  figures: ${r.figures.ready.toLocaleString("en")} of ${r.figures.total.toLocaleString("en")} ready; ` +
      `${JSON.stringify(r.figures.byMethod)}; two proofs ${r.figures.readyTwoProofs} of ${r.figures.needsTwoProofs}`,
  );
  console.log("  plan (EXPLAIN ANALYZE, once):");
  for (const line of r.plan) console.log(`    ${line}`);
  console.log(`  → ${r.pass ? "PASS" : "FAIL"}`);
}
