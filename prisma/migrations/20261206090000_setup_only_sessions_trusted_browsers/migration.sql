-- Issue 25 §1: a logon by password alone of an account that must set up two-step logon is a setup-only
-- session; trusted browsers are rows (listed on Account Security, ended by "Log off all other sessions").
ALTER TABLE "Session" ADD COLUMN "setupOnly" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "TrustedBrowser" (
    "id" TEXT NOT NULL,
    "kind" "SessionKind" NOT NULL,
    "mailAccountId" TEXT,
    "cloudAccountId" TEXT,
    "version" INTEGER NOT NULL,
    "ip" TEXT NOT NULL,
    "userAgent" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "lastUsedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "revokedReason" TEXT,
    CONSTRAINT "TrustedBrowser_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "TrustedBrowser_mailAccountId_expiresAt_idx" ON "TrustedBrowser"("mailAccountId", "expiresAt");
CREATE INDEX "TrustedBrowser_cloudAccountId_expiresAt_idx" ON "TrustedBrowser"("cloudAccountId", "expiresAt");
ALTER TABLE "TrustedBrowser" ADD CONSTRAINT "TrustedBrowser_mailAccountId_fkey" FOREIGN KEY ("mailAccountId") REFERENCES "MailAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "TrustedBrowser" ADD CONSTRAINT "TrustedBrowser_cloudAccountId_fkey" FOREIGN KEY ("cloudAccountId") REFERENCES "CloudAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;
