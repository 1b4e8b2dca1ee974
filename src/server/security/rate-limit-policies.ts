/**
 * Every rate limit in one table (SECURITY.md). `points` per `durationSec`;
 * `blockSec` keeps refusing for that long once the limit is passed.
 * `blocks`: blockLimit() may start a block of it, and with Redis that block
 * is kept in PostgreSQL too (rate-limit.ts, docs/decisions/0004).
 */
export interface RateLimitPolicy {
  points: number;
  durationSec: number;
  blockSec?: number;
  blocks?: true;
}

const RATE_LIMIT_POLICIES = {
  /** Failed logons per address in 15 minutes; from the 5th on, logon asks for the captcha. */
  logonFailuresByAddress: { points: 5, durationSec: 15 * 60 },
  /** One wrong password of one account (its keyed hash): counted toward the lock once per 15 minutes (smart lockout). */
  repeatedWrongPassword: { points: 1, durationSec: 15 * 60 },
  /** Failed logons per IP: at most 50 an hour, then 1 hour of refusals. */
  logonFailuresByIp: { points: 50, durationSec: 60 * 60, blockSec: 60 * 60, blocks: true },
  /** New captcha images per IP per minute. */
  captchaByIp: { points: 30, durationSec: 60 },
  /** Forgot Password codes per account, by SMS and email together: 5 an hour and 10 a day. */
  recoveryCodesByAccountHour: { points: 5, durationSec: 60 * 60 },
  recoveryCodesByAccountDay: { points: 10, durationSec: 24 * 60 * 60 },
  /** Forgot Password codes (SMS and email) per IP per hour. */
  recoveryCodesByIp: { points: 10, durationSec: 60 * 60 },
  /** Failed security-question tries per account: 5 in 24 h block the method for 24 h. */
  questionFailuresByAccount: { points: 5, durationSec: 24 * 60 * 60, blockSec: 24 * 60 * 60, blocks: true },
  /** All recovery failures per account in a 24 h window (codes + answers); the 10th starts recoveryBlockByAccount. */
  recoveryFailuresByAccount: { points: 10, durationSec: 24 * 60 * 60 },
  /**
   * Self-service refused for 1 h after the 10th failure. Kept apart from the
   * counter so the 24 h window survives the block: once it lapses, one try
   * an hour is allowed until the window has room again.
   */
  recoveryBlockByAccount: { points: 1, durationSec: 60 * 60, blocks: true },
  /** Recovery flows started per IP per hour (brute force of the address step). */
  recoveryStartsByIp: { points: 30, durationSec: 60 * 60 },
  /** Binding codes sent per account per hour (Account Security). */
  bindSmsByAccount: { points: 5, durationSec: 60 * 60 },
  /** Codes mailed to a backup address being bound, per account. */
  bindEmailByAccount: { points: 5, durationSec: 60 * 60 },
  /** Logon codes sent by SMS for the second step, per account per hour. */
  twoStepSmsByAccount: { points: 5, durationSec: 60 * 60 },
  /** Wrong second-step codes in one logon attempt: the 5th ends it (each also counts toward the logon lock). */
  twoStepFailuresByChallenge: { points: 5, durationSec: 15 * 60 },
  /** Authenticator and recovery codes tried in one Forgot Password flow: the 5th wrong one ends it (a flow lives 15 minutes). */
  appCodeTriesByRecoveryFlow: { points: 5, durationSec: 15 * 60 },
  /** "One of the last 5 passwords" answers per actor and account in an hour; past them, history is not compared. */
  passwordReuseByActorTarget: { points: 5, durationSec: 60 * 60 },
  /** Wrong current/console passwords typed inside a signed-in session: the 5th in 15 minutes ends the account's sessions. */
  reauthFailuresByAccount: { points: 5, durationSec: 15 * 60 },
} satisfies Record<string, RateLimitPolicy>;

export type RateLimitPolicyName = keyof typeof RATE_LIMIT_POLICIES;

/** The policies blockLimit() may block. */
export type BlockingPolicyName = {
  [K in RateLimitPolicyName]: (typeof RATE_LIMIT_POLICIES)[K] extends { blocks: true } ? K : never;
}[RateLimitPolicyName];

export function limitPolicy(name: RateLimitPolicyName): RateLimitPolicy {
  return RATE_LIMIT_POLICIES[name];
}
