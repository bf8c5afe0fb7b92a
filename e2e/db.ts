import { randomBytes } from "node:crypto";
import pg from "pg";
import { ownerColumns, ownerOf, tokenAad, type TokenTable } from "../lib/db/token-aad";
import { decrypt, encrypt, parseKey } from "../lib/crypto/aes-gcm";
import { RESET_DATABASE } from "../test-support/reset-database";
import { e2eEnv } from "../test-support/e2e-env";

const key = parseKey(e2eEnv.TOKEN_ENCRYPTION_KEY, "TOKEN_ENCRYPTION_KEY");
const keys = new Map([[key.id, key]]);

/** Runs `fn` with a direct connection to the e2e database (for assertions on stored rows). */
export async function withDatabase<T>(fn: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: e2eEnv.DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function resetDatabase() {
  return withDatabase((client) => client.query(RESET_DATABASE));
}

/** The tables of grants. */
type GrantTable = Exclude<TokenTable, "RevocationOutbox">;

const ownerList = (table: TokenTable) =>
  ownerColumns(table)
    .map((column) => `"${column}"`)
    .join(", ");

async function decryptedTokens(table: GrantTable, where: string, params: string[]) {
  const { rows } = await withDatabase((client) =>
    client.query(
      `SELECT ${ownerList(table)}, access_token, refresh_token, "needsReconnect" FROM "${table}" ${where}`,
      params,
    ),
  );
  const row = rows[0];
  if (!row) throw new Error(`no ${table} row for ${params.join(", ")}`);
  const owner = ownerOf(table, row)!;
  const open = (value: string | null, column: "access_token" | "refresh_token") =>
    value ? decrypt(keys, value, tokenAad(table, owner, column)) : null;
  return {
    accessToken: open(row.access_token, "access_token"),
    refreshToken: open(row.refresh_token, "refresh_token"),
    needsReconnect: row.needsReconnect as boolean,
  };
}

/** The decrypted tokens of the connection to `organizationSlug`. */
export function connectionTokens(organizationSlug: string) {
  return decryptedTokens("OrganizationConnection", `WHERE "organizationSlug" = $1`, [organizationSlug]);
}

/** The decrypted tokens of the sign-in (user-subject) account. */
export function signInTokens() {
  return decryptedTokens("Account", "LIMIT 1", []);
}

/** Makes the app see the connection's access token as expired. */
export function expireConnection(organizationSlug: string) {
  return withDatabase((client) =>
    client.query(`UPDATE "OrganizationConnection" SET expires_at = 0 WHERE "organizationSlug" = $1`, [
      organizationSlug,
    ]),
  );
}

/**
 * Overwrites the tokens of a grant (the sign-in Account, or the connection to
 * `organizationSlug`) with ciphertexts under a key the app does not have.
 */
export async function storeForeignCiphertext(table: GrantTable, organizationSlug?: string) {
  const foreignKey = parseKey(randomBytes(32).toString("base64"), "foreign");
  return withDatabase(async (client) => {
    const where = table === "Account" ? "" : `WHERE "organizationSlug" = $1`;
    const { rows } = await client.query(
      `SELECT id, ${ownerList(table)} FROM "${table}" ${where}`,
      organizationSlug ? [organizationSlug] : [],
    );
    if (rows.length !== 1) throw new Error(`expected one ${table} row, found ${rows.length}`);
    const owner = ownerOf(table, rows[0])!;
    const ciphertexts = [
      encrypt(foreignKey, "polar_at_x_unreadable", tokenAad(table, owner, "access_token")),
      encrypt(foreignKey, "polar_rt_x_unreadable", tokenAad(table, owner, "refresh_token")),
    ];
    await client.query(`UPDATE "${table}" SET access_token = $2, refresh_token = $3 WHERE id = $1`, [
      rows[0].id,
      ...ciphertexts,
    ]);
    return { id: rows[0].id as string, ciphertexts };
  });
}

/** The revocation outbox as stored, each token also decrypted (it opens only for its own row). */
export async function outboxRows() {
  const { rows } = await withDatabase((client) =>
    client.query(`SELECT id, token, "tokenTypeHint", attempts FROM "RevocationOutbox" ORDER BY "createdAt"`),
  );
  return rows.map((row) => ({
    ...row,
    stored: row.token as string,
    token: decrypt(keys, row.token, tokenAad("RevocationOutbox", [row.id], "token")),
  }));
}

/** Time passes: every outbox row is due to be sent again. */
export function makeOutboxDue() {
  return withDatabase((client) =>
    client.query(`UPDATE "RevocationOutbox" SET "nextAttemptAt" = now() - interval '1 second'`),
  );
}
