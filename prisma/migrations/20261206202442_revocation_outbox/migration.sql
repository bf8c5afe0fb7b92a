-- CreateEnum
CREATE TYPE "TokenTypeHint" AS ENUM ('access_token', 'refresh_token');

-- CreateTable
CREATE TABLE "RevocationOutbox" (
    "id" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "tokenTypeHint" "TokenTypeHint" NOT NULL,
    "attempts" INTEGER NOT NULL,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "lastError" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RevocationOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RevocationOutbox_nextAttemptAt_idx" ON "RevocationOutbox"("nextAttemptAt");
