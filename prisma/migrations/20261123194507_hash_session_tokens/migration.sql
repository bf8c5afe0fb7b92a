-- Sessions store the SHA-256 (hex) of their cookie (lib/auth/hashed-sessions.ts).
-- Existing sessions are rewritten the same way, so nobody is signed out.
UPDATE "Session" SET "sessionToken" = encode(sha256(convert_to("sessionToken", 'UTF8')), 'hex');

-- AlterTable
ALTER TABLE "Session" ALTER COLUMN "sessionToken" SET DATA TYPE VARCHAR(64);
