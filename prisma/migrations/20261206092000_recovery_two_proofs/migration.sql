-- Issue 25 §2: an account that uses two-step logon passes two different proofs in Forgot Password;
-- the authenticator app's codes and its recovery codes are proofs.
ALTER TYPE "RecoveryMethod" ADD VALUE 'TOTP';
ALTER TYPE "RecoveryMethod" ADD VALUE 'RECOVERY_CODE';
ALTER TABLE "RecoveryFlow" ADD COLUMN "firstMethod" "RecoveryMethod";
ALTER TABLE "RecoveryFlow" ADD COLUMN "firstVerifiedAt" TIMESTAMP(3);
