import "server-only";
import type { AccountRole } from "@/generated/prisma/enums";
import { generatePassword, policyContext } from "@/lib/password-policy";
import { createMailAccount } from "@/server/accounts/create-mail-account";
import { DOMAIN_POLICY_SELECT, domainPasswordPolicy } from "@/server/passwords/domain-password-policy";
import { now } from "@/server/clock";
import { getDb } from "@/server/db";
import { newId } from "@/server/ids";
import { translatorFor } from "@/server/i18n/translator";
import { hashPassword } from "@/server/security/password-hash";

/**
 * What a deployment starts from, since it is never seeded with demo data:
 * the cloud operator, its domains (each with its postmaster), and mailboxes.
 * Used by `npm run provision` (scripts/provision.ts). Every first password
 * is generated (16 characters that pass the policy), shown once to the
 * operator running the command, and a mailbox's must be changed at first logon.
 */
export type ProvisionResult = { ok: true; login: string; password: string } | { ok: false; error: string };

export async function provisionOperator(input: { email: string; name: string }): Promise<ProvisionResult> {
  const db = getDb();
  const email = input.email.trim().toLowerCase();
  if (await db.cloudAccount.findUnique({ where: { email }, select: { id: true } })) return { ok: false, error: `${email} already exists.` };
  const password = generatePassword({ email });
  const hash = await hashPassword(password);
  const id = newId();
  const at = now();
  await db.$transaction([
    db.cloudAccount.create({ data: { id, email, name: input.name, passwordHash: hash, passwordChangedAt: at } }),
    db.passwordHistory.create({ data: { id: newId(), cloudAccountId: id, passwordHash: hash, createdAt: at } }),
  ]);
  return { ok: true, login: email, password };
}

/** A domain owned by an operator, and its postmaster@<domain> account. */
export async function provisionDomain(input: { name: string; ownerEmail: string; postmasterName: string }): Promise<ProvisionResult> {
  const db = getDb();
  const name = input.name.trim().toLowerCase();
  const owner = await db.cloudAccount.findUnique({ where: { email: input.ownerEmail.trim().toLowerCase() }, select: { id: true } });
  if (!owner) return { ok: false, error: `No cloud operator ${input.ownerEmail}: provision it first.` };
  if (await db.domain.findUnique({ where: { name }, select: { id: true } })) return { ok: false, error: `${name} already exists.` };
  const domainId = newId();
  await db.domain.create({ data: { id: domainId, name, ownerId: owner.id } });
  const pm = await provisionMailbox({
    domainId,
    domainName: name,
    localPart: "postmaster",
    displayName: input.postmasterName,
    role: "POSTMASTER",
  });
  if (!pm.ok) await db.domain.delete({ where: { id: domainId } });
  return pm;
}

/** A mailbox of an existing domain. */
export async function provisionAccount(input: { address: string; displayName: string }): Promise<ProvisionResult> {
  const [localPart, domainName] = input.address.trim().toLowerCase().split("@");
  const domain = domainName ? await getDb().domain.findUnique({ where: { name: domainName }, select: { id: true } }) : null;
  if (!localPart || !domain) return { ok: false, error: `No domain ${domainName ?? "(none)"}: provision it first.` };
  return provisionMailbox({ domainId: domain.id, domainName, localPart, displayName: input.displayName, role: "EMPLOYEE" });
}

async function provisionMailbox(input: {
  domainId: string;
  domainName: string;
  localPart: string;
  displayName: string;
  role: AccountRole;
}): Promise<ProvisionResult> {
  const address = `${input.localPart}@${input.domainName}`;
  // Generated under the domain's own profile (a custom one may ask more than 16 characters).
  const domain = await getDb().domain.findUniqueOrThrow({ where: { id: input.domainId }, select: DOMAIN_POLICY_SELECT });
  const password = generatePassword(policyContext(domainPasswordPolicy(domain), address));
  const created = await createMailAccount({ ...input, password, mustChangePassword: true });
  if (!created.ok) {
    // The command line speaks English (like the start-up banner).
    const t = (await translatorFor("en")) as unknown as (key: string, values?: Record<string, string | number>) => string;
    return {
      ok: false,
      error: created.error === "exists" ? `${address} already exists.` : created.messages.map((m) => t(m.key, m.values)).join(" "),
    };
  }
  return { ok: true, login: created.address, password };
}
