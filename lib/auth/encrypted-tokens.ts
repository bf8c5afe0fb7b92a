import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { decryptToken, encryptToken } from "./token-crypto";

const TOKEN_FIELDS = ["access_token", "refresh_token", "id_token"] as const;
type Row = Record<string, unknown>;

function encryptFields(data: unknown) {
  if (!data || typeof data !== "object") return;
  for (const row of Array.isArray(data) ? data : [data]) {
    for (const field of TOKEN_FIELDS) {
      const value = (row as Row)[field];
      if (typeof value === "string") (row as Row)[field] = encryptToken(value);
      else if (value && typeof value === "object" && typeof (value as Row).set === "string") {
        (value as Row).set = encryptToken((value as Row).set as string);
      }
    }
  }
}

function decryptFields<T>(result: T): T {
  if (!result || typeof result !== "object") return result;
  for (const row of Array.isArray(result) ? result : [result]) {
    for (const field of TOKEN_FIELDS) {
      const value = (row as Row)[field];
      if (typeof value === "string") (row as Row)[field] = decryptToken(value);
    }
  }
  return result;
}

/**
 * Prisma Client extension: OAuth tokens of Account and OrganizationConnection are
 * encrypted on every write and decrypted on every read, so the rest of the code
 * (the Auth.js adapter included) only ever sees plaintext and the database only
 * ciphertext.
 */
export const encryptedTokens = Prisma.defineExtension({
  name: "encrypted-tokens",
  query: {
    $allModels: {
      async $allOperations({ model, args, query }) {
        if (model !== "Account" && model !== "OrganizationConnection") return query(args);
        const a = args as Row;
        encryptFields(a.data);
        encryptFields(a.create);
        encryptFields(a.update);
        return decryptFields(await query(args));
      },
    },
  },
});
