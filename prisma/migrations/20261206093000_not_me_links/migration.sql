-- Issue 25 §3: every notice to an account's owner carries a one-use "This wasn't me" link (7 days).
CREATE TABLE "NotMeLink" (
    "id" TEXT NOT NULL,
    "mailAccountId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    CONSTRAINT "NotMeLink_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "NotMeLink_mailAccountId_createdAt_idx" ON "NotMeLink"("mailAccountId", "createdAt");
ALTER TABLE "NotMeLink" ADD CONSTRAINT "NotMeLink_mailAccountId_fkey" FOREIGN KEY ("mailAccountId") REFERENCES "MailAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TYPE "SmsPurpose" ADD VALUE 'SECURITY_NOTICE';
ALTER TYPE "EmailPurpose" ADD VALUE 'SECURITY_NOTICE';
