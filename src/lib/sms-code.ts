import { MINUTE, SECOND } from "./time";

/**
 * SMS verification codes (SECURITY.md "SMS code"), for every flow that sends
 * one: 6 digits, valid 5 minutes, 5 wrong entries void it, resend after 60 s.
 * Pure numbers, so the forms' countdowns and hints say the same as the server.
 */
export const SMS_CODE = { digits: 6, ttlMs: 5 * MINUTE, maxAttempts: 5, resendAfterMs: 60 * SECOND } as const;
