// `npm run tokens:rotate`: re-encrypts every stored OAuth token with the current
// TOKEN_ENCRYPTION_KEY. Rotate by moving the old key to
// TOKEN_ENCRYPTION_KEYS_PREVIOUS, setting a new TOKEN_ENCRYPTION_KEY, running
// this, then dropping the old key.
import pg from "pg";
import { decrypt, encrypt, parseKey, ENCRYPTED_PREFIX } from "../lib/crypto/aes-gcm.ts";

const { DATABASE_URL, TOKEN_ENCRYPTION_KEY, TOKEN_ENCRYPTION_KEYS_PREVIOUS = "" } = process.env;
if (!DATABASE_URL || !TOKEN_ENCRYPTION_KEY) {
  console.error("Set DATABASE_URL and TOKEN_ENCRYPTION_KEY (and TOKEN_ENCRYPTION_KEYS_PREVIOUS with the old keys).");
  process.exit(1);
}
const current = parseKey(TOKEN_ENCRYPTION_KEY, "TOKEN_ENCRYPTION_KEY");
const previous = TOKEN_ENCRYPTION_KEYS_PREVIOUS.split(",")
  .filter((k) => k.trim())
  .map((k) => parseKey(k, "TOKEN_ENCRYPTION_KEYS_PREVIOUS"));
const keys = new Map([current, ...previous].map((k) => [k.id, k]));
const currentPrefix = `${ENCRYPTED_PREFIX}${current.id}:`;

const client = new pg.Client({ connectionString: DATABASE_URL });
await client.connect();
let rotated = 0;
try {
  await client.query("BEGIN");
  for (const table of ["Account", "OrganizationConnection"]) {
    const { rows } = await client.query(
      `SELECT id, access_token, refresh_token, id_token FROM "${table}" FOR UPDATE`,
    );
    for (const row of rows) {
      const updates: Record<string, string> = {};
      for (const field of ["access_token", "refresh_token", "id_token"] as const) {
        const value: string | null = row[field];
        if (value && !value.startsWith(currentPrefix)) updates[field] = encrypt(current, decrypt(keys, value));
      }
      const fields = Object.keys(updates);
      if (!fields.length) continue;
      await client.query(
        `UPDATE "${table}" SET ${fields.map((f, i) => `"${f}" = $${i + 2}`).join(", ")} WHERE id = $1`,
        [row.id, ...fields.map((f) => updates[f])],
      );
      rotated++;
    }
  }
  await client.query("COMMIT");
  console.log(`Re-encrypted ${rotated} row(s) with key ${current.id}.`);
} catch (error) {
  await client.query("ROLLBACK");
  console.error(`Rotation failed, nothing changed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await client.end();
}
