/** Every audited action, by name (SECURITY.md "Audit"). */
export const AuditAction = {
  logonSuccess: "logon.success",
  logonFailure: "logon.failure",
  accountLocked: "account.locked",
  accountUnlocked: "account.unlocked",
  logout: "logout",
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
  mobileBound: "mobile.bound",
  mobileRemoved: "mobile.removed",
  questionsSet: "questions.set",
  weakKeywordsChanged: "policy.weak_keywords_changed",
  recoverySettingsChanged: "policy.recovery_settings_changed",
  departmentChanged: "department.changed",
  accessRefused: "access.refused",
} as const;

export type AuditActionName = (typeof AuditAction)[keyof typeof AuditAction];
