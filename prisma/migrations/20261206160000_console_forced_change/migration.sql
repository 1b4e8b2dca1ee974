-- A cloud operator's console password found breached at logon (or out of the console's rules) must be
-- changed before anything else, as a mail account's (SECURITY.md "Passwords").
ALTER TABLE "CloudAccount" ADD COLUMN "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN "mustChangeReason" "PasswordChangeReason",
    ADD COLUMN "passwordScreenedAt" TIMESTAMP(3);
