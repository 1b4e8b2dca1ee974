import "server-only";
import { getEnv } from "@/env";
import { checkPasswordOnServer } from "@/lib/password-policy/server";
import { createMailAccount } from "@/server/accounts/create-mail-account";
import { setSecurityQuestions } from "@/server/accounts/set-security-questions";
import { now } from "@/server/clock";
import { getDb } from "@/server/db";
import { newId } from "@/server/ids";
import { hashPassword } from "@/server/security/password-hash";
import { DEMO_ACCOUNTS, DEMO_DOMAINS, DEMO_OPERATORS, DEMO_QUESTIONS } from "./demo-data";

export class SeedRefusedError extends Error {}

/**
 * Idempotent: creates what is missing, leaves what exists (and its
 * passwords) alone. The demo passwords are public (README), so a deployment
 * is refused unless `force` (a throwaway database).
 */
export async function seedDemoData(opts: { force?: boolean } = {}): Promise<{ created: number }> {
  if (getEnv().profile === "deployment" && !opts.force) {
    throw new SeedRefusedError(
      "Refusing to seed the demo accounts, whose passwords are public, into a deployment's database. Use --force only on a throwaway database.",
    );
  }
  const db = getDb();
  let created = 0;
  for (const op of DEMO_OPERATORS) {
    if (await db.cloudAccount.findUnique({ where: { email: op.email }, select: { id: true } })) continue;
    const policy = checkPasswordOnServer(op.password, { email: op.email });
    if (!policy.ok) throw new Error(`Seed password of ${op.email} breaks the policy: ${policy.violations.map((v) => v.code).join(", ")}`);
    const hash = await hashPassword(op.password);
    const id = newId();
    await db.$transaction([
      db.cloudAccount.create({ data: { id, email: op.email, name: op.name, passwordHash: hash, passwordChangedAt: now() } }),
      db.passwordHistory.create({ data: { id: newId(), cloudAccountId: id, passwordHash: hash, createdAt: now() } }),
    ]);
    created++;
  }
  for (const d of DEMO_DOMAINS) {
    if (await db.domain.findUnique({ where: { name: d.name }, select: { id: true } })) continue;
    const owner = await db.cloudAccount.findUniqueOrThrow({ where: { email: d.owner }, select: { id: true } });
    const domainId = newId();
    await db.domain.create({ data: { id: domainId, name: d.name, ownerId: owner.id, weakPasswordKeywords: d.keywords } });
    for (const name of d.departments) await db.department.create({ data: { id: newId(), domainId, name } });
    created++;
  }
  for (const a of DEMO_ACCOUNTS) {
    const domain = await db.domain.findUniqueOrThrow({ where: { name: a.domain }, select: { id: true } });
    const dept = a.department
      ? await db.department.findFirst({ where: { domainId: domain.id, name: a.department }, select: { id: true } })
      : null;
    const result = await createMailAccount({
      domainId: domain.id,
      localPart: a.localPart,
      displayName: a.displayName,
      role: a.role,
      departmentId: dept?.id ?? null,
      password: a.password,
      secureMobile: a.mobile ?? null,
    });
    if (!result.ok && result.error === "exists") continue;
    if (!result.ok)
      throw new Error(`Seed password of ${a.localPart}@${a.domain} breaks the policy: ${result.messages.map((m) => m.key).join(", ")}`);
    if (a.answers) {
      const answers = a.answers;
      const set = await setSecurityQuestions(
        result.id,
        DEMO_QUESTIONS.map((question, i) => ({ question, answer: answers[i] })),
      );
      if (!set.ok) throw new Error(`Seed questions of ${result.address} are invalid`);
    }
    created++;
  }
  return { created };
}

export async function isDatabaseEmpty(): Promise<boolean> {
  return (await getDb().cloudAccount.count()) === 0;
}
