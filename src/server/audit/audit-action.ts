/** Every audited action, by name (SECURITY.md "Audit"). */
export const AuditAction = {
  logonSuccess: "logon.success",
  logonFailure: "logon.failure",
  accountLocked: "account.locked",
  accountUnlocked: "account.unlocked",
  logout: "logout",
  sessionsEnded: "sessions.ended",
  recoveryStarted: "recovery.started",
  captchaFailed: "captcha.failed",
  smsSent: "sms.sent",
  smsFailed: "sms.failed",
  codeFailed: "recovery.code_failed",
  questionsFailed: "recovery.questions_failed",
  methodBlocked: "recovery.method_blocked",
  passwordResetByPostmaster: "password.reset.postmaster",
  passwordResetSelfService: "password.reset.self_service",
  passwordResetByConsole: "password.reset.console",
  passwordChanged: "password.changed",
  passwordReuseRefused: "password.reuse_refused",
  mobileBound: "mobile.bound",
  mobileRemoved: "mobile.removed",
  questionsSet: "questions.set",
  weakKeywordsChanged: "policy.weak_keywords_changed",
  recoverySettingsChanged: "policy.recovery_settings_changed",
  departmentChanged: "department.changed",
  accessRefused: "access.refused",
  reauthFailed: "reauth.failed",
  auditExported: "audit.exported",
  recoveryVerified: "recovery.verified",
  accountUpdated: "account.updated",
  accountDisabled: "account.disabled",
  accountEnabled: "account.enabled",
  questionsCleared: "questions.cleared",
  passwordChangeRequired: "password.change_required",
  mobileResetByConsole: "mobile.reset.console",
} as const;

export type AuditActionName = (typeof AuditAction)[keyof typeof AuditAction];

/**
 * Each action's display name in the catalogs (messages/*.json, "Audit.actions.<code>"),
 * named in full so that a new action does not type-check until it has a name in
 * both languages. The stored code and the CSV export keep the code itself.
 */
export const AUDIT_ACTION_NAMES = {
  "logon.success": "Audit.actions.logon.success",
  "logon.failure": "Audit.actions.logon.failure",
  "account.locked": "Audit.actions.account.locked",
  "account.unlocked": "Audit.actions.account.unlocked",
  logout: "Audit.actions.logout",
  "sessions.ended": "Audit.actions.sessions.ended",
  "recovery.started": "Audit.actions.recovery.started",
  "captcha.failed": "Audit.actions.captcha.failed",
  "sms.sent": "Audit.actions.sms.sent",
  "sms.failed": "Audit.actions.sms.failed",
  "recovery.code_failed": "Audit.actions.recovery.code_failed",
  "recovery.questions_failed": "Audit.actions.recovery.questions_failed",
  "recovery.method_blocked": "Audit.actions.recovery.method_blocked",
  "password.reset.postmaster": "Audit.actions.password.reset.postmaster",
  "password.reset.self_service": "Audit.actions.password.reset.self_service",
  "password.reset.console": "Audit.actions.password.reset.console",
  "password.changed": "Audit.actions.password.changed",
  "password.reuse_refused": "Audit.actions.password.reuse_refused",
  "mobile.bound": "Audit.actions.mobile.bound",
  "mobile.removed": "Audit.actions.mobile.removed",
  "questions.set": "Audit.actions.questions.set",
  "policy.weak_keywords_changed": "Audit.actions.policy.weak_keywords_changed",
  "policy.recovery_settings_changed": "Audit.actions.policy.recovery_settings_changed",
  "department.changed": "Audit.actions.department.changed",
  "access.refused": "Audit.actions.access.refused",
  "reauth.failed": "Audit.actions.reauth.failed",
  "audit.exported": "Audit.actions.audit.exported",
  "recovery.verified": "Audit.actions.recovery.verified",
  "account.updated": "Audit.actions.account.updated",
  "account.disabled": "Audit.actions.account.disabled",
  "account.enabled": "Audit.actions.account.enabled",
  "questions.cleared": "Audit.actions.questions.cleared",
  "password.change_required": "Audit.actions.password.change_required",
  "mobile.reset.console": "Audit.actions.mobile.reset.console",
} as const satisfies Record<AuditActionName, `Audit.actions.${string}`>;

/** True for a stored action code that names one of AuditAction (old rows may hold others). */
export function isAuditActionName(code: string): code is AuditActionName {
  return Object.hasOwn(AUDIT_ACTION_NAMES, code);
}
