-- The email module beside the SMS one (issue 14): every message sent, as the SMS outbox keeps them.
CREATE TYPE "EmailPurpose" AS ENUM ('BIND_CODE', 'RECOVERY_CODE', 'RESET_NOTICE', 'ACCOUNT_NOTICE');
CREATE TYPE "EmailStatus" AS ENUM ('QUEUED', 'SENT', 'FAILED');

CREATE TABLE "EmailMessage" (
    "id" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "purpose" "EmailPurpose" NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerMessageId" TEXT,
    "status" "EmailStatus" NOT NULL DEFAULT 'QUEUED',
    "errorCode" TEXT,
    "accountId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EmailMessage_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "EmailMessage_createdAt_idx" ON "EmailMessage"("createdAt");
CREATE INDEX "EmailMessage_accountId_createdAt_idx" ON "EmailMessage"("accountId", "createdAt");
