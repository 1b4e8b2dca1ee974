-- The expiry reminders' sweep reads a custom domain's accounts by when their password was set.
CREATE INDEX "MailAccount_domainId_passwordChangedAt_idx" ON "MailAccount"("domainId", "passwordChangedAt");
