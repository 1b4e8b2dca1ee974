-- Two-step logon (issue 14 §2): SMS codes or an authenticator app (TOTP) with recovery codes;
-- mail accounts (postmasters always, employees by domain policy) and, by their own choice, operators.
ALTER TYPE "VerificationPurpose" ADD VALUE 'TWO_STEP_LOGON';
ALTER TYPE "SmsPurpose" ADD VALUE 'LOGON_CODE';
ALTER TABLE "Domain" ADD COLUMN "requireTwoStepForEmployees" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "MailAccount" ADD COLUMN "totpSecret" TEXT;
ALTER TABLE "MailAccount" ADD COLUMN "totpEnabledAt" TIMESTAMP(3);
ALTER TABLE "MailAccount" ADD COLUMN "totpLastStep" INTEGER;
ALTER TABLE "MailAccount" ADD COLUMN "totpPendingSecret" TEXT;
ALTER TABLE "CloudAccount" ADD COLUMN "totpSecret" TEXT;
ALTER TABLE "CloudAccount" ADD COLUMN "totpEnabledAt" TIMESTAMP(3);
ALTER TABLE "CloudAccount" ADD COLUMN "totpLastStep" INTEGER;
ALTER TABLE "CloudAccount" ADD COLUMN "totpPendingSecret" TEXT;

CREATE TABLE "TwoStepRecoveryCode" (
    "id" TEXT NOT NULL,
    "accountId" TEXT,
    "cloudAccountId" TEXT,
    "codeHash" TEXT NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "TwoStepRecoveryCode_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "TwoStepRecoveryCode_accountId_idx" ON "TwoStepRecoveryCode"("accountId");
CREATE INDEX "TwoStepRecoveryCode_cloudAccountId_idx" ON "TwoStepRecoveryCode"("cloudAccountId");
ALTER TABLE "TwoStepRecoveryCode" ADD CONSTRAINT "TwoStepRecoveryCode_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "MailAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "TwoStepRecoveryCode" ADD CONSTRAINT "TwoStepRecoveryCode_cloudAccountId_fkey" FOREIGN KEY ("cloudAccountId") REFERENCES "CloudAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;
