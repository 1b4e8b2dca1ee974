import "server-only";
import { getDb } from "@/server/db";

export interface DomainPolicy {
  name: string;
  weakPasswordKeywords: string[];
  allowSmsRecovery: boolean;
  allowQuestionRecovery: boolean;
  allowEmailRecovery: boolean;
  notifyPostmasterOfSelfServiceResets: boolean;
  requireTwoStepForEmployees: boolean;
}

/** The Password Policy page's data: the domain's keywords and self-service settings. */
export async function getDomainPolicy(input: { domainId: string }): Promise<DomainPolicy> {
  const { domainId } = input;
  return getDb().domain.findUniqueOrThrow({
    where: { id: domainId },
    select: {
      name: true,
      weakPasswordKeywords: true,
      allowSmsRecovery: true,
      allowQuestionRecovery: true,
      allowEmailRecovery: true,
      notifyPostmasterOfSelfServiceResets: true,
      requireTwoStepForEmployees: true,
    },
  });
}
