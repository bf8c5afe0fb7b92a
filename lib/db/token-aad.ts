// Where an OAuth token is stored, as the additional authenticated data of its
// ciphertext (lib/crypto/aes-gcm.ts): a ciphertext copied to another row,
// owner or column fails to decrypt. Shared by the app's Prisma extension
// (lib/db/encrypted-tokens.ts), `npm run tokens:rotate` and the e2e helpers,
// so it imports nothing of the app.

const GRANT_TOKENS = ["access_token", "refresh_token", "id_token"] as const;

/**
 * The tables that hold tokens: the columns that name a row's owner, and the
 * columns that hold a token.
 */
export const TOKEN_TABLES = {
  Account: { owner: ["userId"], tokens: GRANT_TOKENS },
  OrganizationConnection: { owner: ["userId", "organizationId"], tokens: GRANT_TOKENS },
  // A revocation Polar has not confirmed: the token belongs to no grant any more, only to its row.
  RevocationOutbox: { owner: ["id"], tokens: ["token"] },
} as const;
export type TokenTable = keyof typeof TOKEN_TABLES;
export type TokenColumn = (typeof TOKEN_TABLES)[TokenTable]["tokens"][number];

/** The columns that name the owner of a row of `table`. */
export const ownerColumns = (table: TokenTable): readonly string[] => TOKEN_TABLES[table].owner;

/** The columns of `table` that hold a token. */
export const tokenColumns = (table: TokenTable): readonly TokenColumn[] => TOKEN_TABLES[table].tokens;

export function isTokenTable(model: string | undefined): model is TokenTable {
  return model !== undefined && Object.hasOwn(TOKEN_TABLES, model);
}

/** The owner of a row of `table`, read from `row`; undefined if a column is missing. */
export function ownerOf(table: TokenTable, row: Record<string, unknown>): string[] | undefined {
  const owner = ownerColumns(table).map((column) => row[column]);
  return owner.every((value): value is string => typeof value === "string" && value !== "")
    ? owner
    : undefined;
}

/** The AAD of `column` in a row of `table` owned by `owner` (ownerOf's result). */
export function tokenAad(table: TokenTable, owner: readonly string[], column: TokenColumn) {
  return JSON.stringify([table, ...owner, column]);
}
