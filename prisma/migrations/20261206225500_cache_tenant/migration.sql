-- The cache's entries belong to a tenant (an organization, or one person's own
-- reads), the word the request budget uses: renamed in place, nothing dropped.
ALTER TABLE "PolarCache" RENAME COLUMN "owner" TO "tenant";
ALTER INDEX "PolarCache_owner_longTail_lastReadAt_idx" RENAME TO "PolarCache_tenant_longTail_lastReadAt_idx";
ALTER TABLE "PolarCacheRefresh" RENAME COLUMN "owner" TO "tenant";
