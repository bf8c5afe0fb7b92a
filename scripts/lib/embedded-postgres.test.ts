// The embedded Postgres serves a connection pool as a server would: many
// connections at once, concurrent parameterized queries each getting their own
// answer while prisma dev runs queries of its own, and a connection that dies
// mid-transaction leaves nothing locked. One test per fix in
// pglite-socket-fixes.ts: they tell when a fix can go.
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";

let database: EmbeddedPostgres;
/**
 * The PGlite session behind the socket server, to run queries beside the clients' as prisma dev
 * does; prisma dev does not expose it, so it is taken as the server starts.
 */
let session: { query(sql: string): Promise<unknown> } | undefined;
const { start } = PGLiteSocketServer.prototype;
PGLiteSocketServer.prototype.start = function (this: PGLiteSocketServer) {
  session ??= (this as unknown as { db: typeof session }).db;
  return start.call(this);
};

beforeAll(async () => {
  database = await startEmbeddedPostgres("polar-starter-embedded-test");
}, 60_000);
afterAll(() => database.close());

it("accepts more connections than one pool opens", async () => {
  const clients = Array.from({ length: 25 }, () => new pg.Client({ connectionString: database.url }));
  try {
    await Promise.all(clients.map((client) => client.connect()));
    const results = await Promise.all(clients.map((client, i) => client.query("SELECT $1::int AS n", [i])));
    expect(results.map((result) => result.rows[0].n)).toEqual(clients.map((_, i) => i));
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
});

it("keeps each connection's parameterized queries whole, whatever else runs in the session", async () => {
  const pool = new pg.Pool({ connectionString: database.url, max: 10 });
  // prisma dev's WAL feed queries the session after every write; this does so all along.
  let writing = true;
  let ownQueries = 0;
  const own = (async () => {
    while (writing) {
      await session!.query("SELECT 1");
      ownQueries++;
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  try {
    // Statements with different numbers of parameters, all at once; a large
    // parameter reaches the server in several chunks, with other messages
    // arriving in between.
    const large = "x".repeat(300_000);
    const queries = Array.from({ length: 60 }, (_, i) =>
      i % 2
        ? pool.query("SELECT length($1::text) + $2::int AS n", [large, i])
        : pool.query("SELECT $1::int AS n", [i]),
    );
    const results = await Promise.allSettled(queries);
    expect(
      results.map((result) =>
        result.status === "fulfilled" ? result.value.rows[0].n : result.reason.message,
      ),
    ).toEqual(Array.from({ length: 60 }, (_, i) => (i % 2 ? large.length + i : i)));
    expect(ownQueries).toBeGreaterThan(0);
  } finally {
    writing = false;
    await own;
    await pool.end();
  }
});

it("rolls back the transaction of a connection that goes away, and serves the others", async () => {
  const setup = new pg.Client({ connectionString: database.url });
  await setup.connect();
  await setup.query("CREATE TABLE IF NOT EXISTS counters (id int PRIMARY KEY, n int)");
  await setup.query("INSERT INTO counters VALUES (1, 0) ON CONFLICT (id) DO UPDATE SET n = 0");

  const leaving = new pg.Client({ connectionString: database.url });
  await leaving.connect();
  await leaving.query("BEGIN");
  await leaving.query("UPDATE counters SET n = 1 WHERE id = $1", [1]);
  // Waits for the transaction: PGlite runs one session for every connection.
  const waiting = setup.query("SELECT n FROM counters WHERE id = $1", [1]);
  leaving.on("error", () => {});
  (leaving as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();

  expect((await waiting).rows).toEqual([{ n: 0 }]);
  await setup.end();
});
