import "server-only";
import type { MessageRef } from "@/lib/message-ref";
import type { AccountRole } from "@/generated/prisma/enums";
import { checkPasswordOnServer } from "@/lib/password-policy/server";
import { now } from "@/server/clock";
import { getDb } from "@/server/db";
import { newId } from "@/server/ids";
import { hashSecret } from "@/server/security/password-hash";

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

/** Creates a mailbox; its first password passes the same policy as every other. */
export async function createMailAccount(input: NewMailAccount): Promise<CreateMailAccountResult> {
  const db = getDb();
  const domain = await db.domain.findUniqueOrThrow({ where: { id: input.domainId }, select: { name: true, weakPasswordKeywords: true } });
  const address = `${input.localPart.trim().toLowerCase()}@${domain.name}`;
  const policy = checkPasswordOnServer(input.password, { email: address, weakKeywords: domain.weakPasswordKeywords });
  if (!policy.ok) return { ok: false, error: "password", messages: policy.violations.map((v) => v.message) };
  if (await db.mailAccount.findUnique({ where: { address }, select: { id: true } })) return { ok: false, error: "exists" };
  const hash = await hashSecret(input.password);
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
        secureMobile: input.secureMobile ?? null,
        secureMobileVerifiedAt: input.secureMobile ? at : null,
      },
    }),
    db.passwordHistory.create({ data: { id: newId(), mailAccountId: id, passwordHash: hash, createdAt: at } }),
  ]);
  return { ok: true, id, address };
}
