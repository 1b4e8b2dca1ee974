import "server-only";
import type { EmailPurpose } from "@/generated/prisma/enums";
import { maskEmail } from "@/lib/email";
import { AuditAction } from "@/server/audit/audit-action";
import { recordAuditEvent, type Actor } from "@/server/audit/record-audit-event";
import { now } from "@/server/clock";
import { unlessDatabaseDown } from "@/server/database-errors";
import { getDb } from "@/server/db";
import { newId } from "@/server/ids";
import { componentLogger } from "@/server/observability/logger";
import type { RequestMeta } from "@/server/request-meta";
import { isEmailOutboxAvailable } from "./list-email-outbox";
import { getEmailProvider, type EmailProviderResult, type OutgoingEmail } from "./provider";

export interface SendEmailInput extends OutgoingEmail {
  purpose: EmailPurpose;
  /** What is stored instead of the text outside local runs (the code replaced by dots). */
  redactedText: string;
  accountId?: string | null;
  domainId?: string | null;
  actor: Actor;
  meta: RequestMeta;
}

export type SendEmailResult = { ok: true; messageId: string } | { ok: false; error: "send_failed" };

const log = () => componentLogger("email");

/**
 * Sends one email through the configured provider, records it in
 * EmailMessage (the text itself only where the local outbox may show it)
 * and audits it (email.sent / email.failed, the address masked). Never
 * throws, except when the database is unreachable (the caller answers
 * "temporarily unavailable"; nothing was sent).
 */
export async function sendEmail(input: SendEmailInput): Promise<SendEmailResult> {
  return unlessDatabaseDown(
    () => deliver(input),
    (e) => {
      log().error({ err: e }, "sendEmail failed");
      return { ok: false, error: "send_failed" } as const;
    },
  );
}

async function deliver(input: SendEmailInput): Promise<SendEmailResult> {
  const provider = getEmailProvider();
  const id = newId();
  await getDb().emailMessage.create({
    data: {
      id,
      to: input.to,
      purpose: input.purpose,
      subject: input.subject,
      body: provider.name === "console" && isEmailOutboxAvailable() ? input.text : input.redactedText,
      provider: provider.name,
      accountId: input.accountId ?? null,
      createdAt: now(),
    },
  });
  const result: EmailProviderResult = await provider
    .send({ to: input.to, subject: input.subject, text: input.text, html: input.html })
    .catch((e: unknown): EmailProviderResult => {
      log().error({ err: e }, "email provider threw");
      return { ok: false, errorCode: "provider_error", retryable: false };
    });
  try {
    await getDb().emailMessage.update({
      where: { id },
      data: result.ok ? { status: "SENT", providerMessageId: result.providerId } : { status: "FAILED", errorCode: result.errorCode },
    });
  } catch (e) {
    log().error({ err: e, messageId: id }, "could not record the outcome of an email");
  }
  await audit(input, id, result);
  return result.ok ? { ok: true, messageId: id } : { ok: false, error: "send_failed" };
}

async function audit(input: SendEmailInput, messageId: string, result: EmailProviderResult): Promise<void> {
  try {
    await recordAuditEvent({
      actor: input.actor,
      action: result.ok ? AuditAction.emailSent : AuditAction.emailFailed,
      result: result.ok ? "SUCCESS" : "FAILURE",
      target: input.accountId ? { kind: "MAIL_ACCOUNT", id: input.accountId, label: maskEmail(input.to) } : undefined,
      domainId: input.domainId ?? null,
      meta: input.meta,
      detail: { to: maskEmail(input.to), purpose: input.purpose, messageId, ...(result.ok ? {} : { errorCode: result.errorCode }) },
    });
  } catch (e) {
    log().error({ err: e, messageId }, "could not audit an email");
  }
}
