import "server-only";
import type { MessageRef } from "@/lib/message-ref";
import type { AccountRole } from "@/generated/prisma/enums";
import { DOMAIN_POLICY_SELECT, domainPasswordPolicy } from "@/server/passwords/domain-password-policy";
import { checkNewPassword } from "@/server/passwords/set-password";
import { now } from "@/server/clock";
import { getDb } from "@/server/db";
import { newId } from "@/server/ids";
import { hashPassword } from "@/server/security/password-hash";

export interface NewMailAccount {
  domainId: string;
  localPart: string;
  displayName: string;
  role?: AccountRole;
  departmentId?: string | null;
  password: string;
  secureMobile?: string | null;
  /** A password handed over by someone else (provisioning): the owner must choose its own at first logon. */
  mustChangePassword?: boolean;
}

export type CreateMailAccountResult =
  { ok: true; id: string; address: string } | { ok: false; error: "password"; messages: MessageRef[] } | { ok: false; error: "exists" };

/** Creates a mailbox; its first password passes the same policy (the domain's profile) and screening as every other. */
export async function createMailAccount(input: NewMailAccount): Promise<CreateMailAccountResult> {
  const db = getDb();
  const domain = await db.domain.findUniqueOrThrow({ where: { id: input.domainId }, select: DOMAIN_POLICY_SELECT });
  const address = `${input.localPart.trim().toLowerCase()}@${domain.name}`;
  const checked = await checkNewPassword({ login: address, policy: domainPasswordPolicy(domain) }, input.password, input.password);
  if (checked.errors?.password) return { ok: false, error: "password", messages: checked.errors.password };
  if (await db.mailAccount.findUnique({ where: { address }, select: { id: true } })) return { ok: false, error: "exists" };
  const hash = await hashPassword(input.password);
  const at = now();
  const id = newId();
  await db.$transaction([
    db.mailAccount.create({
      data: {
        id,
        domainId: input.domainId,
        address,
        displayName: input.displayName,
        role: input.role ?? "EMPLOYEE",
        departmentId: input.departmentId ?? null,
        passwordHash: hash,
        passwordChangedAt: at,
        mustChangePassword: input.mustChangePassword ?? false,
        mustChangeReason: input.mustChangePassword ? "NEW_ACCOUNT" : null,
        passwordScreenedAt: checked.screened ? at : null,
        secureMobile: input.secureMobile ?? null,
        secureMobileVerifiedAt: input.secureMobile ? at : null,
      },
    }),
    db.passwordHistory.create({ data: { id: newId(), mailAccountId: id, passwordHash: hash, createdAt: at } }),
  ]);
  return { ok: true, id, address };
}
