/*
  Warnings:

  - The primary key for the `PolarBudget` table will be changed. If it partially fails, the table could be left without primary key constraint.

*/
-- CreateEnum
CREATE TYPE "GrantCheck" AS ENUM ('confirmed', 'denied');

-- AlterEnum
ALTER TYPE "ReconnectReason" ADD VALUE 'revoked';

-- DropIndex
DROP INDEX "PolarCache_owner_idx";

-- AlterTable
ALTER TABLE "OrganizationConnection" ADD COLUMN     "grantCheck" "GrantCheck",
ADD COLUMN     "grantCheckUntil" TIMESTAMP(3),
ADD COLUMN     "grantCheckedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "PolarBudget" DROP CONSTRAINT "PolarBudget_pkey",
ADD COLUMN     "askedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "person" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "tenant" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "PolarBudget_pkey" PRIMARY KEY ("clientId", "tenant", "person");

-- AlterTable
ALTER TABLE "PolarCache" ADD COLUMN     "lastReadAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "longTail" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "PolarCacheRefresh" (
    "owner" TEXT NOT NULL,
    "refreshedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PolarCacheRefresh_pkey" PRIMARY KEY ("owner")
);

-- CreateIndex
CREATE INDEX "PolarBudget_clientId_askedAt_idx" ON "PolarBudget"("clientId", "askedAt");

-- CreateIndex
CREATE INDEX "PolarCache_owner_longTail_lastReadAt_idx" ON "PolarCache"("owner", "longTail", "lastReadAt");

-- CreateIndex
CREATE INDEX "PolarCache_lastReadAt_idx" ON "PolarCache"("lastReadAt");
