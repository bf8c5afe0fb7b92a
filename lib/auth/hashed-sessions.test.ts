// Session tokens at rest: the Session table holds the SHA-256 of the cookie,
// through the real Prisma adapter on the real PostgreSQL, and the migration
// that introduced it keeps existing sessions signed in.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { describe, expect, it } from "vitest";
import { setUpDatabase } from "@/test-support/integration";
import { hashSessionToken, withHashedSessions } from "./hashed-sessions";

const db = setUpDatabase();
const adapter = withHashedSessions(PrismaAdapter(db));
const inAnHour = () => new Date(Date.now() + 3_600_000);

async function storedTokens() {
  return (await db.session.findMany({ select: { sessionToken: true } })).map((s) => s.sessionToken);
}

describe("withHashedSessions", () => {
  it("stores the SHA-256 of the cookie, and finds the session by the cookie only", async () => {
    const user = await db.user.create({ data: { name: "Ada" } });
    const cookie = randomUUID();
    const created = await adapter.createSession!({
      sessionToken: cookie,
      userId: user.id,
      expires: inAnHour(),
    });
    expect(created.sessionToken).toBe(cookie);

    const [stored] = await storedTokens();
    expect(stored).not.toBe(cookie);
    expect(stored).toBe(hashSessionToken(cookie));
    expect(stored).toMatch(/^[0-9a-f]{64}$/);

    const found = await adapter.getSessionAndUser!(cookie);
    expect(found).toMatchObject({
      user: { id: user.id },
      session: { sessionToken: cookie, userId: user.id },
    });
    // What a dump of the table holds does not work as a cookie.
    expect(await adapter.getSessionAndUser!(stored!)).toBeNull();
  });

  it("updates and deletes by the cookie", async () => {
    const user = await db.user.create({ data: { name: "Ada" } });
    const cookie = randomUUID();
    await adapter.createSession!({ sessionToken: cookie, userId: user.id, expires: inAnHour() });
    const later = new Date(Date.now() + 7_200_000);

    expect(await adapter.updateSession!({ sessionToken: cookie, expires: later })).toMatchObject({
      sessionToken: cookie,
      expires: later,
    });
    expect((await db.session.findFirstOrThrow()).expires).toEqual(later);
    expect(await adapter.deleteSession!(cookie)).toMatchObject({ sessionToken: cookie, userId: user.id });
    expect(await storedTokens()).toEqual([]);
  });
});

describe("the migration that hashes session tokens", () => {
  it("rewrites existing sessions so their cookies keep working", async () => {
    const migrations = path.resolve("prisma/migrations");
    const [init, hashing] = (await Promise.all(
      ["20261123094742_init", "20261123194507_hash_session_tokens"].map((name) =>
        readFile(path.join(migrations, name, "migration.sql"), "utf8"),
      ),
    )) as [string, string];
    // A scratch schema at the state before the change, with a signed-in user,
    // inside a transaction that is rolled back: it works the same on a
    // PostgreSQL server and on the embedded one, which has a single database.
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query("BEGIN");
      await client.query('CREATE SCHEMA "session_migration"; SET LOCAL search_path TO "session_migration"');
      const cookie = randomUUID();
      await client.query(init);
      await client.query(`INSERT INTO "User" (id, "updatedAt") VALUES ('u1', now())`);
      await client.query(
        `INSERT INTO "Session" (id, "sessionToken", "userId", expires, "updatedAt") VALUES ('s1', $1, 'u1', now() + interval '1 day', now())`,
        [cookie],
      );

      await client.query(hashing);

      const { rows } = await client.query(`SELECT "sessionToken" FROM "Session"`);
      expect(rows).toEqual([{ sessionToken: hashSessionToken(cookie) }]);
    } finally {
      await client.query("ROLLBACK");
      await client.end();
    }
  });
});
