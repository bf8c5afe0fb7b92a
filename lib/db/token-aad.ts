// Where an OAuth token is stored, as the additional authenticated data of its
// ciphertext (lib/crypto/aes-gcm.ts): a ciphertext copied to another row,
// owner or column fails to decrypt. Shared by the app's Prisma extension
// (lib/db/encrypted-tokens.ts), `npm run tokens:rotate` and the e2e helpers,
// so it imports nothing of the app.

export const TOKEN_COLUMNS = ["access_token", "refresh_token", "id_token"] as const;
export type TokenColumn = (typeof TOKEN_COLUMNS)[number];

/** The tables that hold tokens, each with the columns that name a row's owner. */
export const OWNER_COLUMNS = {
  Account: ["userId"],
  OrganizationConnection: ["userId", "organizationId"],
} as const;
export type TokenTable = keyof typeof OWNER_COLUMNS;

export function isTokenTable(model: string | undefined): model is TokenTable {
  return model !== undefined && Object.hasOwn(OWNER_COLUMNS, model);
}

/** The owner of a row of `table`, read from `row`; undefined if a column is missing. */
export function ownerOf(table: TokenTable, row: Record<string, unknown>): string[] | undefined {
  const owner = OWNER_COLUMNS[table].map((column) => row[column]);
  return owner.every((value): value is string => typeof value === "string" && value !== "")
    ? owner
    : undefined;
}

/** The AAD of `column` in a row of `table` owned by `owner` (ownerOf's result). */
export function tokenAad(table: TokenTable, owner: readonly string[], column: TokenColumn) {
  return JSON.stringify([table, ...owner, column]);
}
