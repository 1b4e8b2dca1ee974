import "server-only";
import type { AuditResult } from "@/generated/prisma/enums";
import { getEnv } from "@/env";
import { getDb, transaction } from "@/server/db";
import { unlessDatabaseDown } from "@/server/database-errors";
import { newId } from "@/server/ids";
import { addMs, HOUR, now } from "@/server/clock";
import { recordAuditEvent, type Actor } from "@/server/audit/record-audit-event";
import { AuditAction } from "@/server/audit/audit-action";
import type { RequestMeta } from "@/server/request-meta";
import { maskPhone } from "@/lib/phone";
import { getSmsProvider, type SmsProvider, type SmsProviderResult } from "./provider";
import { isSmsOutboxAvailable } from "./list-sms-outbox";

import type { SmsPurpose } from "@/generated/prisma/enums";
import { componentLogger } from "@/server/observability/logger";

const log = () => componentLogger("sms");

export type { SmsPurpose };

export interface SendSmsInput {
  /** E.164, already normalized (normalizePhone). */
  to: string;
  purpose: SmsPurpose;
  body: string;
  /** What is stored instead of `body` outside local development, e.g. "Your code is ••••••". */
  redactedBody: string;
  accountId?: string | null;
  /** The account's address when the caller has read it: the audit event's target label, not read again. */
  accountAddress?: string;
  domainId?: string | null;
  actor: Actor;
  meta: RequestMeta;
}

export type SendSmsResult =
  | { ok: true; messageId: string }
  /**
   * `mayHaveBeenSent`: the provider did not answer in time, so the message may
   * still arrive. The person is told it was not sent, but every cap keeps
   * counting it (else a slow provider would allow unlimited sends).
   */
  | { ok: false; error: "send_failed" | "capped"; mayHaveBeenSent?: boolean };

// Names the advisory lock that makes "count the last hour, then add one" atomic
// across every app instance, so the global cap is never overshot by a race.
const CAP_LOCK_KEY = 7_561_696_173;
const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * Sends one SMS through the configured provider, under the global hourly cap
 * (a circuit breaker against SMS pumping), records it in SmsMessage and audits
 * it. Never throws: faults are logged and reported as `send_failed`.
 */
export async function sendSms(input: SendSmsInput): Promise<SendSmsResult> {
  // No database, no SMS: the caller answers "temporarily unavailable" (nothing was sent or counted).
  return unlessDatabaseDown(
    () => deliver(input),
    (e) => {
      log().error({ err: e }, "sendSms failed");
      return { ok: false, error: "send_failed" } as const;
    },
  );
}

async function deliver(input: SendSmsInput): Promise<SendSmsResult> {
  const env = getEnv();
  let provider: SmsProvider | undefined;
  try {
    provider = getSmsProvider();
  } catch (e) {
    log().error({ err: e }, "provider unavailable (check the TWILIO_* settings)");
  }
  const providerName = provider?.name ?? env.SMS_PROVIDER;
  // Codes are stored readable only where they cannot matter: the local console provider.
  const storedBody = providerName === "console" && isSmsOutboxAvailable() ? input.body : input.redactedBody;
  const id = newId();

  const allowed = await reserveSlot(id, input, providerName, storedBody, env.SMS_HOURLY_CAP);
  if (!allowed) {
    log().error({ cap: env.SMS_HOURLY_CAP }, `hourly cap of ${env.SMS_HOURLY_CAP} reached: message refused`);
    await audit(input, id, "REFUSED", { reason: "hourly_cap" });
    return { ok: false, error: "capped" };
  }

  const result: SmsProviderResult = !provider
    ? { ok: false, errorCode: "provider_unavailable", retryable: false }
    : !E164.test(input.to)
      ? { ok: false, errorCode: "invalid_number", retryable: false }
      : await provider.send(input.to, input.body).catch((e: unknown): SmsProviderResult => {
          log().error({ err: e }, "provider threw");
          return { ok: false, errorCode: "provider_error", retryable: false };
        });

  // The SMS has gone (or not) by now; a failure to record it must not change the answer.
  try {
    await getDb().smsMessage.update({
      where: { id },
      data: result.ok ? { status: result.status, providerMessageId: result.providerId } : { status: "FAILED", errorCode: result.errorCode },
    });
  } catch (e) {
    log().error({ err: e, messageId: id }, "could not record the outcome of a message");
  }
  if (result.ok) {
    await audit(input, id, "SUCCESS", { provider: providerName, status: result.status });
    return { ok: true, messageId: id };
  }
  await audit(input, id, "FAILURE", { provider: providerName, errorCode: result.errorCode });
  return { ok: false, error: "send_failed", ...(result.errorCode === "timeout" ? { mayHaveBeenSent: true } : {}) };
}

/** Adds the message row (QUEUED), or a FAILED "hourly_cap" row when the last hour is full. */
async function reserveSlot(id: string, input: SendSmsInput, provider: string, body: string, cap: number): Promise<boolean> {
  return transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CAP_LOCK_KEY}::bigint)`;
    const at = now();
    const recent = await tx.smsMessage.count({
      // Failed messages do not count, except a timeout: the provider may have sent it after all.
      where: { createdAt: { gte: addMs(at, -HOUR) }, OR: [{ status: { not: "FAILED" } }, { errorCode: "timeout" }] },
    });
    const allowed = recent < cap;
    await tx.smsMessage.create({
      data: {
        id,
        to: input.to,
        purpose: input.purpose,
        body,
        provider,
        status: allowed ? "QUEUED" : "FAILED",
        errorCode: allowed ? null : "hourly_cap",
        accountId: input.accountId ?? null,
        createdAt: at,
      },
    });
    return allowed;
  });
}

/** sms.sent / sms.failed: the number masked, the purpose, never the body. */
async function audit(input: SendSmsInput, messageId: string, result: AuditResult, extra: Record<string, string>): Promise<void> {
  try {
    const to = maskPhone(input.to);
    const account =
      input.accountAddress !== undefined
        ? { address: input.accountAddress }
        : input.accountId
          ? await getDb().mailAccount.findUnique({ where: { id: input.accountId }, select: { address: true } })
          : null;
    await recordAuditEvent({
      actor: input.actor,
      action: result === "SUCCESS" ? AuditAction.smsSent : AuditAction.smsFailed,
      target: input.accountId ? { kind: "MAIL_ACCOUNT", id: input.accountId, label: account?.address ?? to } : undefined,
      domainId: input.domainId ?? null,
      result,
      meta: input.meta,
      detail: { to, purpose: input.purpose, messageId, ...extra },
    });
  } catch (e) {
    log().error({ err: e, messageId }, "could not audit a message");
  }
}
