-- A backup email address on Account Security (issue 14): bound once its mailed code is entered.
ALTER TABLE "MailAccount" ADD COLUMN "backupEmail" TEXT;
ALTER TABLE "MailAccount" ADD COLUMN "backupEmailVerifiedAt" TIMESTAMP(3);
-- The shared code challenge now goes to a phone number or an email address.
ALTER TABLE "Verification" RENAME COLUMN "phone" TO "destination";
ALTER TYPE "VerificationPurpose" ADD VALUE 'EMAIL_BINDING';
