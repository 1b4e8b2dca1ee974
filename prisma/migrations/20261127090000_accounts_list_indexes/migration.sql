-- Issue 13: the Employee Accounts list at 100,000 accounts in a domain.

-- The list is ordered by name, then address; its page is found from this index alone
-- (an index-only scan of the ids, however deep the page: list-employee-accounts.ts).
DROP INDEX "MailAccount_domainId_displayName_idx";
CREATE INDEX "MailAccount_domainId_displayName_address_id_idx" ON "MailAccount"("domainId", "displayName", "address", "id");

-- "Search by name or address" finds a fragment anywhere in either (ILIKE '%…%'): trigram indexes
-- answer it without reading every account of the domain. pg_trgm ships with PostgreSQL (contrib)
-- and is a trusted extension: the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "MailAccount_displayName_trgm_idx" ON "MailAccount" USING GIN ("displayName" gin_trgm_ops);
CREATE INDEX "MailAccount_address_trgm_idx" ON "MailAccount" USING GIN ("address" gin_trgm_ops);
