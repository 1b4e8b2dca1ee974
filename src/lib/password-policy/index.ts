// Client-safe entry point. The common-password list is NOT re-exported here:
// import it from "./common-passwords" (lazily in the browser) or use "./server".
export {
  checkPassword,
  normalizedForms,
  variantForms,
  ruleCodes,
  ruleLabel,
  policyStatement,
  policyContext,
  MAX_PASSWORD_INPUT_BYTES,
  PASSWORD_MIN,
  PASSWORD_MAX,
  type RuleCode,
  type ViolationCode,
  type PolicyContext,
  type RuleStatus,
  type Violation,
  type PolicyResult,
} from "./rules";
export * from "./profiles";
export { validateWeakKeywords, KEYWORD_MIN, KEYWORD_MAX, KEYWORDS_MAX_COUNT, type WeakKeywordsResult } from "./keywords";
export { generatePassword, GENERATED_LENGTH } from "./generate";

/** The article's history depth (every profile keeps it, unless a custom one sets another): PasswordRules.historyDepth. */
export const HISTORY_DEPTH = 5;
