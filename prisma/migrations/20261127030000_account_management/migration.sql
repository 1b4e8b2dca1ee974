-- Edit Account and the Employee Accounts list (issue 12).
-- When each account last logged on (the list's Last logon column, sortable).
ALTER TABLE "MailAccount" ADD COLUMN "lastLogonAt" TIMESTAMP(3);
CREATE INDEX "MailAccount_domainId_lastLogonAt_idx" ON "MailAccount"("domainId", "lastLogonAt");
-- "Notify the postmaster of self-service resets" (Password Policy), off by default.
ALTER TABLE "Domain" ADD COLUMN "notifyPostmasterOfSelfServiceResets" BOOLEAN NOT NULL DEFAULT false;
-- Notices about the account itself (disabled, security questions cleared by the postmaster).
ALTER TYPE "SmsPurpose" ADD VALUE 'ACCOUNT_NOTICE';
