-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "organizationsRestricted" BOOLEAN NOT NULL DEFAULT false;
