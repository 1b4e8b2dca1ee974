-- One SMS challenge for every flow (issue 9): the Forgot Password code columns of
-- "RecoveryFlow" and the "MobileVerification" table become rows of "Verification".

-- CreateEnum
CREATE TYPE "VerificationPurpose" AS ENUM ('RECOVERY', 'MOBILE_BINDING');

-- CreateTable
CREATE TABLE "Verification" (
    "id" TEXT NOT NULL,
    "purpose" "VerificationPurpose" NOT NULL,
    "target" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "codeHash" TEXT,
    "codeExpiresAt" TIMESTAMP(3),
    "codeAttempts" INTEGER NOT NULL DEFAULT 0,
    "codeSentAt" TIMESTAMP(3),
    "sendCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Verification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Verification_purpose_target_key" ON "Verification"("purpose", "target");

-- CreateIndex
CREATE INDEX "Verification_createdAt_idx" ON "Verification"("createdAt");

-- Pending secure-mobile bindings move over. Their codes were hashed under the old
-- scope, so they are voided: the page offers "Send a new code" (no wait).
INSERT INTO "Verification" ("id", "purpose", "target", "phone", "codeHash", "codeExpiresAt", "codeAttempts", "codeSentAt", "sendCount", "createdAt")
SELECT "id", 'MOBILE_BINDING', "accountId", "phone", NULL, NULL, 0, NULL, "sendCount", "createdAt" FROM "MobileVerification";

-- DropTable
DROP TABLE "MobileVerification";

-- A recovery code in flight (at most 5 minutes old) lapses the same way: the user sends a new one.
-- AlterTable
ALTER TABLE "RecoveryFlow" DROP COLUMN "codeAttempts",
DROP COLUMN "codeExpiresAt",
DROP COLUMN "codeHash",
DROP COLUMN "codeSentAt",
DROP COLUMN "sendCount";
