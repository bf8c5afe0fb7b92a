-- CreateTable
CREATE TABLE "PolarCache" (
    "key" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "readAt" TIMESTAMP(3) NOT NULL,
    "invalidated" BOOLEAN NOT NULL DEFAULT false,
    "refreshingUntil" TIMESTAMP(3),

    CONSTRAINT "PolarCache_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "PolarBudget" (
    "clientId" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "refilledAt" TIMESTAMP(3) NOT NULL,
    "pausedUntil" TIMESTAMP(3),

    CONSTRAINT "PolarBudget_pkey" PRIMARY KEY ("clientId")
);

-- CreateIndex
CREATE INDEX "PolarCache_owner_idx" ON "PolarCache"("owner");
