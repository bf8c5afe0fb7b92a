import pg from "pg";
import { decrypt, parseKey } from "../lib/crypto/aes-gcm";
import { e2eEnv } from "./env";

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
  return withDatabase((client) =>
    client.query(
      'TRUNCATE "User", "Account", "Session", "OrganizationConnection", "VerificationToken" CASCADE',
    ),
  );
}

async function decryptedTokens(sql: string, params: string[]) {
  const { rows } = await withDatabase((client) => client.query(sql, params));
  const row = rows[0];
  if (!row) throw new Error(`no row for ${params.join(", ")}`);
  const open = (value: string | null) => (value ? decrypt(keys, value) : null);
  return {
    accessToken: open(row.access_token),
    refreshToken: open(row.refresh_token),
    needsReconnect: row.needsReconnect as boolean,
  };
}

/** The decrypted tokens of the connection to `organizationSlug`. */
export function connectionTokens(organizationSlug: string) {
  return decryptedTokens(
    `SELECT access_token, refresh_token, "needsReconnect" FROM "OrganizationConnection" WHERE "organizationSlug" = $1`,
    [organizationSlug],
  );
}

/** The decrypted tokens of the sign-in (user-subject) account. */
export function signInTokens() {
  return decryptedTokens(`SELECT access_token, refresh_token, "needsReconnect" FROM "Account" LIMIT 1`, []);
}

/** Makes the app see the connection's access token as expired. */
export function expireConnection(organizationSlug: string) {
  return withDatabase((client) =>
    client.query(`UPDATE "OrganizationConnection" SET expires_at = 0 WHERE "organizationSlug" = $1`, [
      organizationSlug,
    ]),
  );
}
