// Client-safe entry point. The common-password list is NOT re-exported here:
// import it from "./common-passwords" (lazily in the browser) or use "./server".
export {
  checkPassword,
  normalizedForms,
  MAX_PASSWORD_INPUT_BYTES,
  PASSWORD_MIN,
  PASSWORD_MAX,
  RULE_ORDER,
  type RuleCode,
  type ViolationCode,
  type PolicyContext,
  type RuleStatus,
  type Violation,
  type PolicyResult,
} from "./rules";
export { validateWeakKeywords, KEYWORD_MIN, KEYWORD_MAX, KEYWORDS_MAX_COUNT, type WeakKeywordsResult } from "./keywords";
export { generatePassword, GENERATED_LENGTH } from "./generate";

/** Number of previous passwords a new one must differ from (enforced server-side against hashes). */
export const HISTORY_DEPTH = 5;
