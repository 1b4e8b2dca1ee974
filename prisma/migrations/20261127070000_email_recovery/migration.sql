-- Forgot Password by a code mailed to the backup email address (issue 14 §1), behind its own domain switch.
ALTER TYPE "RecoveryMethod" ADD VALUE 'EMAIL';
ALTER TABLE "Domain" ADD COLUMN "allowEmailRecovery" BOOLEAN NOT NULL DEFAULT true;
