// `npm run tokens:rotate`: re-encrypts every stored OAuth token with the current
// TOKEN_ENCRYPTION_KEY, in the current form (enc:v2:, bound to its table, owner
// and column). Rotate by moving the old key to TOKEN_ENCRYPTION_KEYS_PREVIOUS,
// setting a new TOKEN_ENCRYPTION_KEY, running this, then dropping the old key.
// Run it once after upgrading, too: it rewrites the enc:v1: rows written before
// tokens were bound to their rows.
//
// It works while the app runs: ROTATE_BATCH_SIZE (100) rows at a time, each
// batch read without a lock and written in one statement that changes a row
// only if its tokens are still the ones read (a row the app rewrote meanwhile
// already has the current key). So it never locks more than one batch, and
// after an interruption it can simply run again: rows already current are
// skipped. A token no configured key decrypts is reported (table, row,
// column; never a value) and left as it is: the app reads it as absent until
// the grant is renewed.
import pg from "pg";
import { DecryptionError, decrypt, encrypt, isCurrent, parseKey } from "../lib/crypto/aes-gcm.ts";
import {
  TOKEN_TABLES,
  ownerColumns,
  ownerOf,
  tokenAad,
  tokenColumns,
  type TokenTable,
} from "../lib/db/token-aad.ts";

const {
  DATABASE_URL,
  TOKEN_ENCRYPTION_KEY,
  TOKEN_ENCRYPTION_KEYS_PREVIOUS = "",
  ROTATE_BATCH_SIZE = "100",
} = process.env;
if (!DATABASE_URL || !TOKEN_ENCRYPTION_KEY) {
  console.error(
    "Set DATABASE_URL and TOKEN_ENCRYPTION_KEY (and TOKEN_ENCRYPTION_KEYS_PREVIOUS with the old keys).",
  );
  process.exit(1);
}
const batchSize = Number(ROTATE_BATCH_SIZE);
if (!Number.isInteger(batchSize) || batchSize < 1) {
  console.error("ROTATE_BATCH_SIZE must be a whole number of rows, at least 1.");
  process.exit(1);
}
const current = parseKey(TOKEN_ENCRYPTION_KEY, "TOKEN_ENCRYPTION_KEY");
const previous = TOKEN_ENCRYPTION_KEYS_PREVIOUS.split(",")
  .filter((k) => k.trim())
  .map((k) => parseKey(k, "TOKEN_ENCRYPTION_KEYS_PREVIOUS"));
const keys = new Map([current, ...previous].map((k) => [k.id, k]));
const quoted = (names: readonly string[]) => names.map((name) => `"${name}"`).join(", ");

type Row = Record<string, string | null>;

/**
 * One statement for a batch of `table`: sets each row's tokens to the new
 * values if they are still the old ones (compare-and-set). Parameters: the ids,
 * then per token column its old and its new values, all arrays in one order.
 */
function compareAndSet(table: TokenTable) {
  const columns = tokenColumns(table);
  const values = columns.flatMap((_, i) => [`old${i}`, `new${i}`]);
  return `UPDATE "${table}" AS t
    SET ${columns.map((column, i) => `"${column}" = v.new${i}`).join(", ")}
    FROM unnest(${["id", ...values].map((_, i) => `$${i + 1}::text[]`).join(", ")}) AS v(id, ${values.join(", ")})
    WHERE t.id = v.id AND ${columns.map((column, i) => `t."${column}" IS NOT DISTINCT FROM v.old${i}`).join(" AND ")}
    RETURNING t.id`;
}

const client = new pg.Client({ connectionString: DATABASE_URL });
await client.connect();
let rotated = 0;
let changedMeanwhile = 0;
const skipped: string[] = [];

/**
 * A row's tokens re-encrypted with the current key, in column order, or
 * undefined when none changes (all current, empty, or undecryptable).
 */
function reencrypt(table: TokenTable, row: Row) {
  const owner = ownerOf(table, row)!;
  const next = tokenColumns(table).map((column) => {
    const value = row[column] ?? null;
    if (!value || isCurrent(current, value)) return value;
    const aad = tokenAad(table, owner, column);
    try {
      return encrypt(current, decrypt(keys, value, aad), aad);
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
      skipped.push(`${table} ${row.id} ${column}: ${error.message}`);
      return value;
    }
  });
  return next.some((value, i) => value !== (row[tokenColumns(table)[i]!] ?? null)) ? next : undefined;
}

try {
  for (const table of Object.keys(TOKEN_TABLES) as TokenTable[]) {
    const columns = tokenColumns(table);
    const read = `SELECT ${quoted([...new Set(["id", ...ownerColumns(table), ...columns])])} FROM "${table}"
      WHERE id > $1 ORDER BY id LIMIT ${batchSize}`;
    for (let after = ""; ;) {
      const { rows } = await client.query<Row>(read, [after]);
      if (!rows.length) break;
      after = rows.at(-1)!.id!;
      const changes = rows.flatMap((row) => {
        const next = reencrypt(table, row);
        return next ? [{ row, next }] : [];
      });
      if (!changes.length) continue;
      const params = [
        changes.map(({ row }) => row.id),
        ...columns.flatMap((column, i) => [
          changes.map(({ row }) => row[column] ?? null),
          changes.map(({ next }) => next[i]),
        ]),
      ];
      const { rowCount } = await client.query(compareAndSet(table), params);
      rotated += rowCount ?? 0;
      changedMeanwhile += changes.length - (rowCount ?? 0);
    }
  }
  console.log(`Re-encrypted ${rotated} row(s) with key ${current.id}.`);
  if (changedMeanwhile) {
    console.log(
      `${changedMeanwhile} row(s) changed while this ran and were left as the app wrote them; run it again to check them.`,
    );
  }
  if (skipped.length) {
    console.warn(
      `Skipped ${skipped.length} token(s) that no configured key decrypts, left as they are (the app reads them as absent until the grant is renewed; if a key is missing, add it to TOKEN_ENCRYPTION_KEYS_PREVIOUS and run this again):\n${skipped.map((line) => `  - ${line}`).join("\n")}`,
    );
  }
} catch (error) {
  console.error(
    `Rotation stopped: ${(error as Error).message}. The batches before it are re-encrypted; run it again to finish.`,
  );
  process.exitCode = 1;
} finally {
  await client.end();
}
