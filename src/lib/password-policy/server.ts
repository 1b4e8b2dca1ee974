// Server-side entry: always checks against the common list, so the "common"
// rule can never be left pending on the enforcing side. No "server-only"
// import because the seed script and CLI (plain tsx) use it too.
import { loadCommonPasswords } from "./common-passwords";
import { checkPassword, type PolicyContext, type PolicyResult } from "./rules";

// Immutable data loaded once per process.
const COMMON_PASSWORDS = loadCommonPasswords();

export function checkPasswordOnServer(password: string, ctx: Omit<PolicyContext, "commonPasswords"> = {}): PolicyResult {
  return checkPassword(password, { ...ctx, commonPasswords: COMMON_PASSWORDS });
}
