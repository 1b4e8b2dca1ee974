-- Password policy profiles (SECURITY.md "Passwords"): the article's (default), NIST SP 800-63B-4, custom;
-- why an account must change its password; breach screening at logon; expiry reminders.
CREATE TYPE "PasswordProfile" AS ENUM ('ARTICLE', 'NIST', 'CUSTOM');
CREATE TYPE "PasswordChangeReason" AS ENUM ('POSTMASTER', 'BREACHED', 'POLICY', 'EXPIRED', 'NOT_ME', 'NEW_ACCOUNT');
ALTER TABLE "Domain" ADD COLUMN "passwordProfile" "PasswordProfile" NOT NULL DEFAULT 'ARTICLE',
    ADD COLUMN "customPasswordPolicy" JSONB;
ALTER TABLE "MailAccount" ADD COLUMN "mustChangeReason" "PasswordChangeReason",
    ADD COLUMN "passwordScreenedAt" TIMESTAMP(3),
    ADD COLUMN "passwordExpiryReminder" INTEGER;
CREATE INDEX "MailAccount_domainId_mustChangePassword_idx" ON "MailAccount"("domainId", "mustChangePassword");
