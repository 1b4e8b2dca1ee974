import "server-only";
import type { Verification, VerificationPurpose } from "@/generated/prisma/client";
import { addMs, DAY, now } from "@/server/clock";
import { getDb, transaction, type Tx } from "@/server/db";
import { newId } from "@/server/ids";
import { attemptsLeft, checkSmsCode, generateSmsCode, resendWaitMs, SMS_CODE, smsCodeDigest, type CodeCheck } from "./sms-code";
import { purgeSometimes } from "@/server/purge-sometimes";

/**
 * The one SMS challenge (a Verification row per purpose and target), used by
 * the Forgot Password wizard and the secure-mobile binding alike, with one
 * concurrency idiom: conditional writes (`updateMany … where` the state just
 * read), so of two parallel requests exactly one wins and the other is told
 * to wait. The numbers are SMS_CODE's.
 */
export interface VerificationKey {
  purpose: VerificationPurpose;
  /** A recovery flow's id, or the account binding a number. */
  target: string;
}

/** The code is bound to its row: never valid for another purpose, flow or binding. */
const scope = (row: Pick<Verification, "id" | "purpose">) => `${row.purpose}:${row.id}`;

/** The stored form of `code` for this challenge (an HMAC; the code itself is never stored). */
export function codeDigestFor(row: Pick<Verification, "id" | "purpose">, code: string): string {
  return smsCodeDigest(scope(row), code);
}

export function findVerification(key: VerificationKey, tx?: Tx): Promise<Verification | null> {
  return (tx ?? getDb()).verification.findUnique({ where: { purpose_target: key }, omit: { codeHash: false } });
}

export async function dropVerification(key: VerificationKey, tx?: Tx): Promise<void> {
  await (tx ?? getDb()).verification.deleteMany({ where: key });
}

export type IssueCodeResult =
  | {
      ok: true;
      code: string;
      codeExpiresAt: Date;
      /** The SMS could not be sent: put back what was there before (the previous code and its timer, or nothing). */
      undo: () => Promise<void>;
    }
  | { ok: false; error: "resend_wait"; waitMs: number };

/**
 * A new code for `key`, to `destination` (a phone number or an email address): at most one send per 60 s (a new code
 * voids the old one and resets its tries). `fresh` starts a new challenge (a
 * new number to bind) instead of sending again to the pending one. `current`: the row as the caller
 * already read it (findVerification), not read again; the writes below are conditional on it all the same.
 */
export async function issueCode(
  key: VerificationKey,
  opts: { destination: string; fresh?: boolean; current?: Verification | null },
): Promise<IssueCodeResult> {
  const at = now();
  const previous = opts.current !== undefined ? opts.current : await findVerification(key);
  const waitMs = previous ? resendWaitMs(previous, at) : 0;
  if (waitMs > 0) return { ok: false, error: "resend_wait", waitMs };

  const code = generateSmsCode();
  const again = previous && !opts.fresh ? previous : null;
  const id = again?.id ?? newId();
  const codeFields = {
    codeHash: codeDigestFor({ id, purpose: key.purpose }, code),
    codeExpiresAt: addMs(at, SMS_CODE.ttlMs),
    codeAttempts: 0,
    codeSentAt: at,
  };
  const claimed = again
    ? (
        await getDb().verification.updateMany({
          where: { id, codeSentAt: again.codeSentAt },
          data: { ...codeFields, destination: opts.destination, sendCount: { increment: 1 } },
        })
      ).count === 1
    : await transaction(async (tx) => {
        if (previous && (await tx.verification.deleteMany({ where: { id: previous.id, codeSentAt: previous.codeSentAt } })).count !== 1)
          return false;
        const data = { id, ...key, destination: opts.destination, ...codeFields, sendCount: 1, createdAt: at };
        return (await tx.verification.createMany({ data, skipDuplicates: true })).count === 1;
      });
  if (!claimed) return { ok: false, error: "resend_wait", waitMs: SMS_CODE.resendAfterMs };

  const mine = { id, codeHash: codeFields.codeHash };
  const undo = async () => {
    if (again) {
      const { codeHash, codeExpiresAt, codeAttempts, codeSentAt, destination } = again;
      await getDb().verification.updateMany({
        where: mine,
        data: { codeHash, codeExpiresAt, codeAttempts, codeSentAt, destination, sendCount: { decrement: 1 } },
      });
      return;
    }
    await transaction(async (tx) => {
      if ((await tx.verification.deleteMany({ where: mine })).count === 1 && previous) {
        await tx.verification.createMany({ data: previous, skipDuplicates: true });
      }
    });
  };
  await maybePurgeOld(at);
  return { ok: true, code, codeExpiresAt: codeFields.codeExpiresAt, undo };
}

/**
 * What a page shows of a challenge: "active" (a code can be entered),
 * "expired", "voided" (too many wrong codes: a new one must be sent), or
 * "none" (no row, or no code in it: the last send failed).
 */
export type ChallengeState = "none" | "voided" | "expired" | "active";

export function challengeState(row: Verification | null, at: Date): ChallengeState {
  if (!row) return "none";
  if (row.codeAttempts >= SMS_CODE.maxAttempts) return "voided";
  if (!row.codeHash || !row.codeExpiresAt) return "none";
  return at > row.codeExpiresAt ? "expired" : "active";
}

/** What an entry would meet, without counting it: "none" (no code), "expired", or a code to judge. */
export function precheckCode(row: Verification | null, at: Date): "none" | "expired" | "judge" {
  if (!row) return "none";
  const pre = checkSmsCode(row, scope(row), "", at);
  return pre === "none" || pre === "expired" ? pre : "judge";
}

/**
 * Before a code is judged (outside the transaction): the pending challenge
 * for `key`, or why there is none to enter a code for: voided (too many
 * wrong codes), no code, or expired. Nothing is counted.
 */
export async function pendingChallenge(
  key: VerificationKey,
  at: Date,
): Promise<{ ok: true; pending: Verification } | { ok: false; error: "voided" | "no_pending" | "expired" }> {
  const pending = await findVerification(key);
  if (pending && pending.codeAttempts >= SMS_CODE.maxAttempts) return { ok: false, error: "voided" };
  const precheck = precheckCode(pending, at);
  if (precheck === "none" || !pending) return { ok: false, error: "no_pending" };
  if (precheck === "expired") return { ok: false, error: "expired" };
  return { ok: true, pending };
}

export interface CodeVerdict {
  verdict: CodeCheck;
  /** Entries left for this code after this one. */
  attemptsLeft: number;
  verification: Verification | null;
}

/**
 * Counts one entry and judges it, in the caller's transaction. The
 * conditional increment (below the maximum, same code) holds the row, so
 * parallel entries queue and each is judged against its own attempt number.
 * A right code is used up (the row goes); the 5th wrong entry voids it.
 */
export async function judgeCode(tx: Tx, key: VerificationKey, entered: string, at: Date): Promise<CodeVerdict> {
  const row = await findVerification(key, tx);
  if (!row?.codeHash) return { verdict: "none", attemptsLeft: 0, verification: row };
  const counted = await tx.verification.updateMany({
    where: { id: row.id, codeHash: row.codeHash, codeAttempts: { lt: SMS_CODE.maxAttempts } },
    data: { codeAttempts: { increment: 1 } },
  });
  // Another entry voided or used the code meanwhile: report the row as it is now.
  if (counted.count !== 1) return { verdict: "none", attemptsLeft: 0, verification: await findVerification(key, tx) };
  const fresh = await tx.verification.findUniqueOrThrow({ where: { id: row.id }, omit: { codeHash: false } });
  const verdict = checkSmsCode({ ...fresh, codeAttempts: fresh.codeAttempts - 1 }, scope(fresh), entered, at);
  if (verdict === "ok") await tx.verification.delete({ where: { id: row.id } });
  if (verdict === "exhausted") await tx.verification.update({ where: { id: row.id }, data: { codeHash: null, codeExpiresAt: null } });
  return { verdict, attemptsLeft: attemptsLeft(fresh), verification: fresh };
}

/** Rows a day old are of no use to any flow: about 1 send in 100 clears them (purgeSometimes). */
async function maybePurgeOld(at: Date): Promise<void> {
  await purgeSometimes("verification", "purge of old rows failed", () =>
    getDb().verification.deleteMany({ where: { createdAt: { lt: addMs(at, -DAY) } } }),
  );
}
