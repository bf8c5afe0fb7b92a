import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { DecryptionError } from "@/lib/crypto/aes-gcm";
import { decryptToken, encryptToken } from "./token-crypto";
import {
  isTokenTable,
  ownerColumns,
  ownerOf,
  tokenAad,
  tokenColumns,
  type TokenColumn,
  type TokenTable,
} from "./token-aad";

type Row = Record<string, unknown>;

const isRow = (value: unknown): value is Row =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);

const rowsOf = (value: unknown): Row[] => (Array.isArray(value) ? value : [value]).filter(isRow);

/** The one value a where filter (`x` or `{ equals: x }`) or a data field (`x` or `{ set: x }`) names. */
function scalar(value: unknown) {
  if (typeof value === "string") return value;
  if (!isRow(value) || Object.keys(value).length !== 1) return undefined;
  const named = value.equals ?? value.set;
  return typeof named === "string" ? named : undefined;
}

/** The owner columns a `where` pins down, directly or through the userId_organizationId key. */
function ownerInWhere(table: TokenTable, where: unknown): Row {
  if (!isRow(where)) return {};
  const compound = isRow(where.userId_organizationId) ? where.userId_organizationId : {};
  return Object.fromEntries(
    ownerColumns(table).map((column) => [column, scalar(where[column]) ?? compound[column]]),
  );
}

/**
 * `data` (one row or a list) with its tokens encrypted for the row's owner: the
 * owner columns in the row itself, else in `where` (an update's target).
 */
function encryptData(table: TokenTable, data: unknown, where: Row = {}): unknown {
  if (!data || typeof data !== "object") return data;
  const encrypted = rowsOf(data).map((row) => {
    const copy: Row = { ...row };
    const owner = ownerOf(
      table,
      Object.fromEntries(ownerColumns(table).map((c) => [c, scalar(row[c]) ?? where[c]])),
    );
    for (const column of tokenColumns(table)) {
      const value = row[column];
      const plaintext = isRow(value) ? value.set : value;
      if (typeof plaintext !== "string") continue;
      if (!owner) {
        throw new Error(
          `Writing ${column} to ${table} needs the row's owner (${ownerColumns(table).join(", ")}) in the query: in data for a create, in where for an update.`,
        );
      }
      const ciphertext = encryptToken(plaintext, tokenAad(table, owner, column));
      copy[column] = isRow(value) ? { ...value, set: ciphertext } : ciphertext;
    }
    return copy;
  });
  return Array.isArray(data) ? encrypted : encrypted[0];
}

/** The args with every token they write encrypted. */
function encryptWrites(table: TokenTable, operation: string, args: Row): Row {
  const target = ownerInWhere(table, args.where);
  switch (operation) {
    case "create":
    case "createMany":
    case "createManyAndReturn":
      return { ...args, data: encryptData(table, args.data) };
    case "update":
    case "updateMany":
    case "updateManyAndReturn":
      return { ...args, data: encryptData(table, args.data, target) };
    case "upsert":
      return {
        ...args,
        create: encryptData(table, args.create),
        update: encryptData(table, args.update, target),
      };
    default:
      return args;
  }
}

/**
 * A token needs its row's id (for the log) and owner (for the AAD) to be
 * decrypted: adds them to a `select` that reads a token, or takes them out of
 * an `omit`. Returns the args and the columns to drop from the result again.
 */
function withOwnerColumns(table: TokenTable, args: Row): { args: Row; added: string[] } {
  const needed = [...new Set(["id", ...ownerColumns(table)])];
  const { select, omit } = args;
  if (isRow(select) && tokenColumns(table).some((column) => select[column])) {
    const added = needed.filter((column) => !select[column]);
    return {
      args: { ...args, select: { ...select, ...Object.fromEntries(added.map((c) => [c, true])) } },
      added,
    };
  }
  if (isRow(omit)) {
    const added = needed.filter((column) => omit[column]);
    return {
      args: { ...args, omit: { ...omit, ...Object.fromEntries(added.map((c) => [c, false])) } },
      added,
    };
  }
  return { args, added: [] };
}

/**
 * The plaintext of a stored token, or null when it cannot be decrypted (a key
 * the app no longer has, a tampered or misplaced ciphertext, a malformed
 * value): then the grant counts as absent and the user is asked to renew it.
 * Logged with the row id, never the value.
 */
function openToken(table: TokenTable, row: Row, column: TokenColumn, stored: string): string | null {
  const owner = ownerOf(table, row);
  if (!owner) throw new Error(`Reading ${column} of ${table} needs the row's owner columns in the result.`);
  try {
    return decryptToken(stored, tokenAad(table, owner, column));
  } catch (error) {
    if (!(error instanceof DecryptionError)) throw error;
    console.error(
      `[tokens] ${table} ${String(row.id)} ${column} cannot be decrypted (${error.reason}), so it counts as absent until the grant is renewed: ${error.message}`,
    );
    return null;
  }
}

function decryptResult(table: TokenTable, result: unknown, added: string[]) {
  for (const row of rowsOf(result)) {
    for (const column of tokenColumns(table)) {
      const stored = row[column];
      if (typeof stored === "string") row[column] = openToken(table, row, column, stored);
    }
    for (const column of added) delete row[column];
  }
  return result;
}

/** Tokens are only written through their own models, where they get encrypted. */
function refuseNestedTokenWrites(model: string | undefined, args: Row) {
  if (model !== "User") return;
  for (const data of [args.data, args.create, args.update].flatMap(rowsOf)) {
    if ("accounts" in data || "organizations" in data) {
      throw new Error(
        "Write accounts and organization connections through db.account / db.organizationConnection, which encrypt their tokens.",
      );
    }
  }
}

/**
 * Prisma Client extension: OAuth tokens of Account, OrganizationConnection and
 * RevocationOutbox are encrypted on every write and decrypted on every read, so
 * the rest of the code (the Auth.js adapter included) only ever sees plaintext
 * and the database only ciphertext. Each ciphertext is bound to its table,
 * owner and column (see lib/db/token-aad.ts): creates carry the owner in
 * `data`, updates in `where`. Read tokens through db.account /
 * db.organizationConnection / db.revocationOutbox: rows included through
 * another model (`user: { include: { accounts: true } }`) keep their
 * ciphertext, and raw queries see only ciphertext.
 */
export const encryptedTokens = Prisma.defineExtension({
  name: "encrypted-tokens",
  query: {
    $allModels: {
      async $allOperations({ model, operation, args, query }) {
        if (!isTokenTable(model)) {
          refuseNestedTokenWrites(model, args as Row);
          return query(args);
        }
        const { args: reading, added } = withOwnerColumns(
          model,
          encryptWrites(model, operation, args as Row),
        );
        return decryptResult(model, await query(reading as typeof args), added);
      },
    },
  },
});
