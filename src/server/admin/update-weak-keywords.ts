import "server-only";
import { msg, type MessageRef } from "@/lib/message-ref";
import { validateWeakKeywords } from "@/lib/password-policy";
import { AuditAction } from "@/server/audit/audit-action";
import { transaction } from "@/server/db";
import type { RequestMeta } from "@/server/request-meta";
import { lockDomain } from "./internal/lock-domain";
import type { Postmaster } from "./postmaster";
import { auditDomainChange } from "./internal/audit-domain-change";

export interface UpdateWeakKeywordsInput {
  postmaster: Postmaster;
  op: "add" | "remove";
  keyword: string;
}

export type UpdateWeakKeywordsResult =
  { ok: true; keywords: string[]; changed: boolean } | { ok: false; error: "invalid"; messages: MessageRef[] };

/**
 * Adds or removes one of the domain's weak-password keywords. The whole new
 * list passes validateWeakKeywords (3–32 characters each, at most 100, no
 * duplicates regardless of case) under the domain lock, so two postmaster
 * windows cannot together exceed the limits. Audited with what changed.
 */
export async function updateWeakKeywords(input: UpdateWeakKeywordsInput, meta: RequestMeta): Promise<UpdateWeakKeywordsResult> {
  const pm = input.postmaster;
  const keyword = input.keyword.trim();
  if (!keyword) return { ok: false, error: "invalid", messages: [msg("Admin.policy.keywordRequired")] };

  return transaction(async (tx) => {
    await lockDomain(tx, pm.domainId);
    const domain = await tx.domain.findUniqueOrThrow({ where: { id: pm.domainId }, select: { name: true, weakPasswordKeywords: true } });
    const current = domain.weakPasswordKeywords;
    const lower = keyword.toLowerCase();
    const next = input.op === "add" ? [...current, keyword] : current.filter((k) => k.toLowerCase() !== lower);
    const checked = validateWeakKeywords(next);
    if (!checked.ok) return { ok: false, error: "invalid", messages: checked.errors } as const;
    if (checked.keywords.length === current.length && input.op === "remove")
      return { ok: true, keywords: current, changed: false } as const;
    await tx.domain.update({ where: { id: pm.domainId }, data: { weakPasswordKeywords: checked.keywords } });
    await auditDomainChange(
      pm,
      {
        action: AuditAction.weakKeywordsChanged,
        meta,
        target: { kind: "DOMAIN", id: pm.domainId, label: domain.name },
        detail: { [input.op === "add" ? "added" : "removed"]: lower, count: checked.keywords.length },
      },
      tx,
    );
    return { ok: true, keywords: checked.keywords, changed: true } as const;
  });
}
