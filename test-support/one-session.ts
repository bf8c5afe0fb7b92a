// Some tests need two PostgreSQL sessions at once (row locks, SKIP LOCKED, the
// server closing a connection). The embedded PostgreSQL that `npm test` starts
// without DATABASE_URL (PGlite) serves one session at a time: those tests skip
// themselves there and say why; CI runs them on a server.
import pg from "pg";

/** Why a test cannot run on this database, on the embedded one; undefined on a server. */
export async function needsServerReason(connectionString = process.env.DATABASE_URL) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: string }>("SELECT version()");
    return rows[0]?.version.includes("wasm32")
      ? "the embedded Postgres serves one session at a time"
      : undefined;
  } finally {
    await client.end();
  }
}
