// `npm run tokens:rotate`: re-encrypts every stored OAuth token with the current
// TOKEN_ENCRYPTION_KEY, in the current form (enc:v2:, bound to its table, owner
// and column). Rotate by moving the old key to TOKEN_ENCRYPTION_KEYS_PREVIOUS,
// setting a new TOKEN_ENCRYPTION_KEY, running this, then dropping the old key.
// Run it once after upgrading, too: it rewrites the enc:v1: rows written before
// tokens were bound to their rows.
import pg from "pg";
import { decrypt, encrypt, isCurrent, parseKey } from "../lib/crypto/aes-gcm.ts";
import {
  TOKEN_TABLES,
  ownerColumns,
  ownerOf,
  tokenAad,
  tokenColumns,
  type TokenTable,
} from "../lib/db/token-aad.ts";

const { DATABASE_URL, TOKEN_ENCRYPTION_KEY, TOKEN_ENCRYPTION_KEYS_PREVIOUS = "" } = process.env;
if (!DATABASE_URL || !TOKEN_ENCRYPTION_KEY) {
  console.error(
    "Set DATABASE_URL and TOKEN_ENCRYPTION_KEY (and TOKEN_ENCRYPTION_KEYS_PREVIOUS with the old keys).",
  );
  process.exit(1);
}
const current = parseKey(TOKEN_ENCRYPTION_KEY, "TOKEN_ENCRYPTION_KEY");
const previous = TOKEN_ENCRYPTION_KEYS_PREVIOUS.split(",")
  .filter((k) => k.trim())
  .map((k) => parseKey(k, "TOKEN_ENCRYPTION_KEYS_PREVIOUS"));
const keys = new Map([current, ...previous].map((k) => [k.id, k]));
const columns = (names: readonly string[]) => names.map((name) => `"${name}"`).join(", ");

const client = new pg.Client({ connectionString: DATABASE_URL });
await client.connect();
let rotated = 0;
try {
  await client.query("BEGIN");
  for (const table of Object.keys(TOKEN_TABLES) as TokenTable[]) {
    const { rows } = await client.query(
      `SELECT id, ${columns(ownerColumns(table))}, ${columns(tokenColumns(table))} FROM "${table}" FOR UPDATE`,
    );
    for (const row of rows) {
      const owner = ownerOf(table, row)!;
      const updates: Record<string, string> = {};
      for (const column of tokenColumns(table)) {
        const value: string | null = row[column];
        if (!value || isCurrent(current, value)) continue;
        const aad = tokenAad(table, owner, column);
        try {
          updates[column] = encrypt(current, decrypt(keys, value, aad), aad);
        } catch (error) {
          throw new Error(`${table} ${row.id} ${column}: ${(error as Error).message}`);
        }
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
