import "server-only";
import type { AuditInput } from "@/server/audit/record-audit-event";
import { componentLogger } from "./logger";
import { metrics } from "./metrics";

/**
 * Every stored audit event is also one log line and, where it is an outcome
 * operators watch, a metric (called by recordAuditEvent once the event's
 * transaction has committed). The line carries what the audit row carries
 * (ids, the result, the detail, which never holds a secret and masks
 * numbers) minus the free-text labels, plus the request id.
 */
const RESET_SCENARIOS: Record<string, string> = {
  "password.reset.postmaster": "postmaster",
  "password.reset.self_service": "self_service",
  "password.reset.console": "console",
};

/** Forgot Password events: the wizard step each belongs to and its outcome name. */
const RECOVERY_STEPS: Record<string, [step: string, outcome: string | null]> = {
  "recovery.started": ["account", null],
  "captcha.failed": ["account", "captcha_failed"],
  "recovery.code_failed": ["verify", "code_failed"],
  "recovery.questions_failed": ["verify", "answers_failed"],
  "recovery.method_blocked": ["verify", "method_blocked"],
  "recovery.verified": ["verify", "verified"],
  "password.reset.self_service": ["new_password", null],
};

function surfaceOf(input: AuditInput): string {
  return input.target?.kind === "CLOUD_ACCOUNT" ? "console" : "mail";
}

function detailField(input: AuditInput, key: string): string | undefined {
  const d = input.detail;
  if (!d || typeof d !== "object" || Array.isArray(d)) return undefined;
  const v = (d as Record<string, unknown>)[key];
  return typeof v === "string" ? v : undefined;
}

function countMetrics(input: AuditInput): void {
  const m = metrics();
  const result = (input.result ?? "SUCCESS").toLowerCase();
  const scenario = RESET_SCENARIOS[input.action];
  if (scenario) m.resets.inc({ scenario, result });
  if (input.action === "password.reuse_refused") {
    m.resets.inc({ scenario: RESET_SCENARIOS[detailField(input, "path") ?? ""] ?? "password_change", result: "reuse_refused" });
  }
  const step = RECOVERY_STEPS[input.action];
  if (step && (input.action !== "captcha.failed" || detailField(input, "flow") === "recovery")) {
    m.forgotPassword.inc({ step: step[0], outcome: step[1] ?? result });
  }
  if (input.action === "sms.sent") m.sms.inc({ result: "sent", error_code: "none" });
  if (input.action === "sms.failed")
    m.sms.inc({ result: "failed", error_code: (detailField(input, "errorCode") ?? "unknown").slice(0, 40) });
  if (input.action === "logon.failure") m.logonFailures.inc({ surface: surfaceOf(input) });
  if (input.action === "account.locked") m.locks.inc({ surface: surfaceOf(input) });
}

export function emitDomainEvent(input: AuditInput): void {
  try {
    componentLogger("audit").info(
      {
        event: input.action,
        result: input.result ?? "SUCCESS",
        reqId: input.meta.requestId,
        actorKind: input.actor.kind,
        actorId: "id" in input.actor ? input.actor.id : undefined,
        targetKind: input.target?.kind,
        targetId: input.target?.id ?? undefined,
        domainId: input.domainId ?? undefined,
        ip: input.meta.ip,
        detail: input.detail,
      },
      input.action,
    );
    countMetrics(input);
  } catch {
    // Observability never fails the request that was audited.
  }
}
