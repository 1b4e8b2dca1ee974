import "server-only";
import type { CustomPolicySettings, PasswordProfile, PasswordRules } from "@/lib/password-policy/profiles";
import { customSettingsFrom } from "@/lib/password-policy/profiles";
import { getDb } from "@/server/db";
import { breachScreeningMode } from "@/server/passwords/breached";
import { DOMAIN_POLICY_SELECT, domainRules, PROFILE_FROM_DB } from "@/server/passwords/domain-password-policy";

export interface DomainPolicy {
  name: string;
  weakPasswordKeywords: string[];
  allowSmsRecovery: boolean;
  allowQuestionRecovery: boolean;
  allowEmailRecovery: boolean;
  notifyPostmasterOfSelfServiceResets: boolean;
  requireTwoStepForEmployees: boolean;
  profile: PasswordProfile;
  /** The custom profile's settings (kept while another profile is chosen). */
  custom: CustomPolicySettings;
  /** The rules in force: what every new password is checked against. */
  rules: PasswordRules;
  /** What screens new passwords for breaches (the deployment's BREACHED_PASSWORDS). */
  screening: ReturnType<typeof breachScreeningMode>;
}

/** The Password Policy page's data: the domain's profile, keywords and self-service settings. */
export async function getDomainPolicy(input: { domainId: string }): Promise<DomainPolicy> {
  const d = await getDb().domain.findUniqueOrThrow({
    where: { id: input.domainId },
    select: {
      ...DOMAIN_POLICY_SELECT,
      allowSmsRecovery: true,
      allowQuestionRecovery: true,
      allowEmailRecovery: true,
      notifyPostmasterOfSelfServiceResets: true,
    },
  });
  const { passwordProfile, customPasswordPolicy, ...rest } = d;
  return {
    ...rest,
    profile: PROFILE_FROM_DB[passwordProfile],
    custom: customSettingsFrom(customPasswordPolicy),
    rules: domainRules(d),
    screening: breachScreeningMode(),
  };
}
