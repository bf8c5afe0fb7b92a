-- CreateEnum
CREATE TYPE "ReconnectReason" AS ENUM ('refused', 'answer_lost');

-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "grantLeaseId" TEXT,
ADD COLUMN     "grantLeaseUntil" TIMESTAMP(3),
ADD COLUMN     "reconnectReason" "ReconnectReason";

-- AlterTable
ALTER TABLE "OrganizationConnection" ADD COLUMN     "grantLeaseId" TEXT,
ADD COLUMN     "grantLeaseUntil" TIMESTAMP(3),
ADD COLUMN     "reconnectReason" "ReconnectReason";
