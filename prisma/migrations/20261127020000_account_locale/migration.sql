-- The language each account chose (en, zh-CN); null until it logs on or chooses one.
ALTER TABLE "MailAccount" ADD COLUMN "locale" TEXT;
ALTER TABLE "CloudAccount" ADD COLUMN "locale" TEXT;
