-- Issue 25 §3 and §4: one-use links in notices to an account's owner: "This wasn't me" (7 days) and
-- the self-service unlock of a locked account (24 hours).
CREATE TYPE "OwnerLinkPurpose" AS ENUM ('NOT_ME', 'UNLOCK');
CREATE TABLE "OwnerLink" (
    "id" TEXT NOT NULL,
    "mailAccountId" TEXT NOT NULL,
    "purpose" "OwnerLinkPurpose" NOT NULL,
    "event" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    CONSTRAINT "OwnerLink_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "OwnerLink_mailAccountId_createdAt_idx" ON "OwnerLink"("mailAccountId", "createdAt");
ALTER TABLE "OwnerLink" ADD CONSTRAINT "OwnerLink_mailAccountId_fkey" FOREIGN KEY ("mailAccountId") REFERENCES "MailAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TYPE "SmsPurpose" ADD VALUE 'SECURITY_NOTICE';
ALTER TYPE "EmailPurpose" ADD VALUE 'SECURITY_NOTICE';
