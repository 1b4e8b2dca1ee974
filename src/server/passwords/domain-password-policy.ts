// A domain's password policy as the checker reads it: its profile's rules
// (src/lib/password-policy/profiles.ts), its weak-password keywords and its
// name. Every reader of a domain for a password form selects DOMAIN_POLICY_SELECT
// and maps it here, so no page or path puts the policy together by itself.
import type { PasswordProfile as DbProfile } from "@/generated/prisma/enums";
import {
  customSettingsFrom,
  rulesFor,
  type PasswordPolicyView,
  type PasswordProfile,
  type PasswordRules,
} from "@/lib/password-policy/profiles";

export const DOMAIN_POLICY_SELECT = {
  name: true,
  weakPasswordKeywords: true,
  passwordProfile: true,
  customPasswordPolicy: true,
  requireTwoStepForEmployees: true,
} as const;

export interface DomainPolicyRow {
  name: string;
  weakPasswordKeywords: string[];
  passwordProfile: DbProfile;
  customPasswordPolicy: unknown;
  requireTwoStepForEmployees: boolean;
}

export const PROFILE_FROM_DB: Record<DbProfile, PasswordProfile> = { ARTICLE: "article", NIST: "nist", CUSTOM: "custom" };
export const PROFILE_TO_DB: Record<PasswordProfile, DbProfile> = { article: "ARTICLE", nist: "NIST", custom: "CUSTOM" };

export function domainRules(domain: Omit<DomainPolicyRow, "name" | "weakPasswordKeywords">): PasswordRules {
  return rulesFor({
    profile: PROFILE_FROM_DB[domain.passwordProfile],
    twoStepForEveryone: domain.requireTwoStepForEmployees,
    custom: customSettingsFrom(domain.customPasswordPolicy),
  });
}

export function domainPasswordPolicy(domain: DomainPolicyRow): PasswordPolicyView {
  return { rules: domainRules(domain), weakKeywords: domain.weakPasswordKeywords, domainName: domain.name };
}
