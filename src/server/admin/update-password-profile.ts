import "server-only";
import type { MessageRef } from "@/lib/message-ref";
import { parseCustomSettings, type CustomSettingField, type CustomSettingsInput } from "@/lib/password-policy/custom-settings";
import { customSettingsFrom, type PasswordProfile } from "@/lib/password-policy/profiles";
import { AuditAction } from "@/server/audit/audit-action";
import { transaction } from "@/server/db";
import { PROFILE_FROM_DB, PROFILE_TO_DB } from "@/server/passwords/domain-password-policy";
import type { RequestMeta } from "@/server/request-meta";
import type { Postmaster } from "./postmaster";
import { auditDomainChange } from "./internal/audit-domain-change";
import { lockDomain } from "./internal/lock-domain";
import { now } from "@/server/clock";

export type UpdatePasswordProfileResult =
  { ok: true; changed: boolean } | { ok: false; error: "invalid"; fieldErrors: Partial<Record<CustomSettingField, MessageRef[]>> };

/**
 * Security > Password Policy: the domain's profile (the article's, NIST SP
 * 800-63B-4 or custom) and, with Custom, its settings. Nobody's password is
 * changed or expired by it: a password that no longer meets the profile is
 * changed at its owner's next logon (SECURITY.md "Passwords"). One
 * transaction with its audit event (before and after); an unchanged save
 * writes and audits nothing. The custom settings are saved only with Custom
 * chosen, and kept while another profile is.
 */
export async function updatePasswordProfile(
  input: { postmaster: Postmaster; profile: PasswordProfile; custom: CustomSettingsInput },
  meta: RequestMeta,
): Promise<UpdatePasswordProfileResult> {
  const pm = input.postmaster;
  const parsed = input.profile === "custom" ? parseCustomSettings(input.custom) : null;
  if (parsed && !parsed.ok) return { ok: false, error: "invalid", fieldErrors: parsed.errors };
  return transaction(async (tx) => {
    // One profile change at a time per domain: the "before" of each audit event is the "after" of the last.
    await lockDomain(tx, pm.domainId);
    const row = await tx.domain.findUniqueOrThrow({
      where: { id: pm.domainId },
      select: { name: true, passwordProfile: true, customPasswordPolicy: true },
    });
    const before = { profile: PROFILE_FROM_DB[row.passwordProfile], custom: customSettingsFrom(row.customPasswordPolicy) };
    const asked = parsed?.ok ? { ...parsed.settings, expirySince: before.custom.expirySince } : before.custom;
    const after = { profile: input.profile, custom: asked };
    if (JSON.stringify(before) === JSON.stringify(after)) return { ok: true, changed: false };
    // An expiry that comes into force, or changes, counts from now: nobody's password expires at once, and
    // every owner is reminded again from the start (their stage sent is cleared).
    const expiryBefore = before.profile === "custom" ? before.custom.expiryDays : null;
    const expiryAfter = after.profile === "custom" ? after.custom.expiryDays : null;
    const expiryChanged = expiryAfter !== null && expiryAfter !== expiryBefore;
    if (expiryChanged) after.custom = { ...after.custom, expirySince: now().toISOString() };
    await tx.domain.update({
      where: { id: pm.domainId },
      data: { passwordProfile: PROFILE_TO_DB[after.profile], customPasswordPolicy: { ...after.custom } },
    });
    if (expiryChanged) await tx.mailAccount.updateMany({ where: { domainId: pm.domainId }, data: { passwordExpiryReminder: null } });
    await auditDomainChange(
      pm,
      {
        action: AuditAction.passwordProfileChanged,
        meta,
        target: { kind: "DOMAIN", id: pm.domainId, label: row.name },
        detail: { before: flat(before), after: flat(after) },
      },
      tx,
    );
    return { ok: true, changed: true };
  });
}

/** The audit detail's shape: one level of plain values. */
function flat(p: { profile: PasswordProfile; custom: ReturnType<typeof customSettingsFrom> }) {
  const { expirySince, ...custom } = p.custom;
  return { profile: p.profile, ...custom, expiryDays: custom.expiryDays ?? "never", ...(expirySince ? { expirySince } : {}) };
}
