import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { QUESTIONS_REQUIRED } from "@/lib/security-questions";
import type { Db } from "@/server/db";

/** One department's figures (departmentId null: the accounts in no department), as the query counts them. */
export interface DepartmentReadinessRow {
  departmentId: string | null;
  total: number;
  ready: number;
  sms: number;
  email: number;
  questions: number;
  totp: number;
  recoveryCode: number;
  needsTwoProofs: number;
  readyTwoProofs: number;
}

/**
 * The domain's active accounts counted per department in one statement, each account judged by the
 * Forgot Password wizard's own rule (recoveryMethods, usableProofs and canSelfServe in
 * src/server/recovery/internal/recovery-account.ts, twoStepRequirement in
 * src/server/two-step/two-step-policy.ts; ADR 0008), written again in SQL so 100,000 accounts are
 * never read into Node:
 *
 * - two proofs for an account with two-step logon (a postmaster, any account when the domain requires
 *   it, anyone with an authenticator app), one otherwise;
 * - the secure mobile and the backup email when the domain allows the method and the value is verified
 *   (a value JavaScript reads as false, null or "", counts as absent here too);
 * - the questions when the domain allows them, all QUESTIONS_REQUIRED are answered, and one proof is
 *   needed (a two-step account's questions never count);
 * - the app whenever it is set up (no domain switch), a recovery code with the app and one unused;
 * - the temporary rate-limit blocks are left out: readiness is what is registered.
 *
 * The question and unused-code counts are aggregated per account first (two hash aggregates), then
 * joined to the domain's accounts, which is what keeps other domains' rows out. Restricting each
 * aggregate to the domain's accounts beforehand costs a hash of those 100,000 ids per table, twice the
 * time at 100,000 accounts (docs/performance.md "Recovery readiness"); the price of not doing so is
 * that these two scans grow with the host's rows of both tables, not the domain's. tests/integration/recovery-readiness.test.ts holds this to canSelfServe on
 * random accounts; a change to the wizard's rule must change this query with it.
 */
export function readinessByDepartment(db: Db, domainId: string): Promise<DepartmentReadinessRow[]> {
  return db.$queryRaw<DepartmentReadinessRow[]>(readinessSql(domainId));
}

/**
 * The joins that judge each account `a` of its domain `d` by the wizard's rule, in one place for every
 * statement that needs it (the figures here, and Employee Accounts' "cannot reset on their own" filter,
 * src/server/admin/list-employee-accounts.ts, whose count must be the page's notReady): the per-account
 * question and unused-code counts (q, c), then t."twoStep", u.<method> (usable now), v."proofs" and
 * v."needed". A statement using it selects FROM "MailAccount" a JOIN "Domain" d ON d."id" = a."domainId".
 */
const JUDGED = Prisma.sql`
    LEFT JOIN (SELECT "accountId", count(*) AS "n" FROM "SecurityQuestion" GROUP BY "accountId") q ON q."accountId" = a."id"
    LEFT JOIN (
      SELECT "accountId", count(*) AS "n" FROM "TwoStepRecoveryCode" WHERE "usedAt" IS NULL GROUP BY "accountId"
    ) c ON c."accountId" = a."id"
    CROSS JOIN LATERAL (
      SELECT (a."role" = 'POSTMASTER' OR d."requireTwoStepForEmployees" OR a."totpEnabledAt" IS NOT NULL) AS "twoStep"
    ) t
    CROSS JOIN LATERAL (
      SELECT coalesce(d."allowSmsRecovery" AND a."secureMobile" <> '' AND a."secureMobileVerifiedAt" IS NOT NULL, false) AS "sms",
             coalesce(d."allowEmailRecovery" AND a."backupEmail" <> '' AND a."backupEmailVerifiedAt" IS NOT NULL, false) AS "email",
             (NOT t."twoStep" AND d."allowQuestionRecovery" AND coalesce(q."n", 0) >= ${QUESTIONS_REQUIRED}) AS "questions",
             a."totpEnabledAt" IS NOT NULL AS "totp",
             (a."totpEnabledAt" IS NOT NULL AND coalesce(c."n", 0) > 0) AS "recoveryCode"
    ) u
    CROSS JOIN LATERAL (
      SELECT u."sms"::int + u."email"::int + u."questions"::int + u."totp"::int + u."recoveryCode"::int AS "proofs",
             CASE WHEN t."twoStep" THEN 2 ELSE 1 END AS "needed"
    ) v`;

/** Of the accounts JUDGED: the ones the readiness figures count, and the ones among them able to reset on their own. */
const COUNTED = Prisma.sql`a."status" = 'ACTIVE'`;
const READY = Prisma.sql`v."proofs" >= v."needed"`;

/** The statement itself, its values bound (npm run bench -- readiness prints its plan). */
export function readinessSql(domainId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT a."departmentId",
           count(*)::int                                                     AS "total",
           count(*) FILTER (WHERE ${READY})::int                             AS "ready",
           count(*) FILTER (WHERE u."sms")::int                              AS "sms",
           count(*) FILTER (WHERE u."email")::int                            AS "email",
           count(*) FILTER (WHERE u."questions")::int                        AS "questions",
           count(*) FILTER (WHERE u."totp")::int                             AS "totp",
           count(*) FILTER (WHERE u."recoveryCode")::int                     AS "recoveryCode",
           count(*) FILTER (WHERE v."needed" = 2)::int                       AS "needsTwoProofs",
           count(*) FILTER (WHERE v."needed" = 2 AND ${READY})::int          AS "readyTwoProofs"
    FROM "MailAccount" a
    JOIN "Domain" d ON d."id" = a."domainId"
    ${JUDGED}
    WHERE a."domainId" = ${domainId} AND ${COUNTED}
    GROUP BY a."departmentId"`;
}

/**
 * The ids of the domain's accounts the figures count as not ready (their number is notReady): active,
 * with fewer usable methods than proofs needed. A subquery, for `"id" IN (…)` in the statement of
 * Employee Accounts' recovery filter "not_ready": there can be more of them than one statement binds.
 */
export function notReadyIdsSql(domainId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT a."id"
    FROM "MailAccount" a
    JOIN "Domain" d ON d."id" = a."domainId"
    ${JUDGED}
    WHERE a."domainId" = ${domainId} AND ${COUNTED} AND NOT (${READY})`;
}
