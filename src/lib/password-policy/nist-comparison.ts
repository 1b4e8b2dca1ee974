// The auditor's table beside Security > Password Policy's profile: each rule
// of the domain's profile, the NIST SP 800-63B-4 clause it is measured
// against, and whether it meets it. Derived from the same PasswordRules the
// checker enforces, so the table cannot claim a rule the server does not apply.
import { msg, type MessageRef } from "@/lib/message-ref";
import { NIST_SINGLE_FACTOR_MIN, NIST_WITH_SECOND_FACTOR_MIN, type PasswordRules } from "./profiles";

/** meets: as the clause asks; breaks: against it; stricter: beyond what it asks; outside: a practice the standard does not recognize. */
export type NistVerdict = "meets" | "breaks" | "stricter" | "outside";

export interface NistRow {
  id: string;
  /** The domain's rule, in words ("Admin.policy.nist.<id>.rule"). */
  rule: MessageRef;
  /** The clause and its section ("Admin.policy.nist.<id>.clause"). */
  clause: MessageRef;
  verdict: NistVerdict;
}

export interface NistFacts {
  /** Every account of the domain logs on with a second step. */
  twoStepForEveryone: boolean;
  /** Forgot Password may use security questions. */
  questionRecovery: boolean;
  /** What screens new passwords for breaches (BREACHED_PASSWORDS): the range API, a local list, the shipped list, or nothing. */
  screening: "hibp" | "file" | "shipped" | "off";
}

export function nistComparison(rules: PasswordRules, facts: NistFacts): NistRow[] {
  const row = (id: string, verdict: NistVerdict, values?: Record<string, string | number>): NistRow => ({
    id,
    rule: msg(`Admin.policy.nist.${id}.rule` as Parameters<typeof msg>[0], values),
    clause: msg(`Admin.policy.nist.${id}.clause` as Parameters<typeof msg>[0], {
      single: NIST_SINGLE_FACTOR_MIN,
      multi: NIST_WITH_SECOND_FACTOR_MIN,
    }),
    verdict,
  });
  const lengthMet =
    rules.minLength >= NIST_SINGLE_FACTOR_MIN || (facts.twoStepForEveryone && rules.minLength >= NIST_WITH_SECOND_FACTOR_MIN);
  return [
    row("minLength", lengthMet ? "meets" : "breaks", { min: rules.minLength, twoStep: facts.twoStepForEveryone ? "yes" : "no" }),
    row("maxLength", rules.maxLength >= 64 ? "meets" : "breaks", { max: rules.maxLength }),
    row("characters", rules.characters === "unicode" ? "meets" : "breaks", { set: rules.characters }),
    row("composition", rules.classesRequired === 0 ? "meets" : "breaks", { count: rules.classesRequired }),
    row("context", rules.contextMatch === "whole" ? "meets" : "stricter", { match: rules.contextMatch }),
    row("blocklist", "meets", { match: rules.contextMatch, screening: facts.screening }),
    row("expiry", rules.expiryDays === null ? "meets" : "breaks", { days: rules.expiryDays ?? 0 }),
    row("compromise", facts.screening === "off" ? "breaks" : "meets", { screening: facts.screening }),
    row("normalization", "meets"),
    row("storage", "meets"),
    row("throttling", "meets"),
    row("managers", "meets"),
    row("history", rules.historyDepth > 0 ? "stricter" : "meets", { depth: rules.historyDepth }),
    row("questions", facts.questionRecovery ? "outside" : "meets", { on: facts.questionRecovery ? "yes" : "no" }),
  ];
}
