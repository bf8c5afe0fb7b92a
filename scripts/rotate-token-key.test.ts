// `npm run tokens:rotate` against the real PostgreSQL: every token table,
// undecryptable tokens reported and skipped, batches committed one by one, and
// a run killed halfway finished by running it again.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { setUpDatabase } from "../test-support/integration";
import { tokenAad } from "../lib/db/token-aad";
import { decrypt, encrypt, parseKey } from "../lib/crypto/aes-gcm";
import { encryptV1 } from "../lib/crypto/testing";
import { needsServerReason } from "@/test-support/one-session";

const oldKey = randomBytes(32).toString("base64");
const newKey = randomBytes(32).toString("base64");
const newKeyId = parseKey(newKey, "new").id;
const onlyNewKey = new Map([[newKeyId, parseKey(newKey, "new")]]);
const rotation = { TOKEN_ENCRYPTION_KEY: newKey, TOKEN_ENCRYPTION_KEYS_PREVIOUS: oldKey };
const db = new pg.Client({ connectionString: process.env.DATABASE_URL });

const connectionAad = (column: "access_token" | "refresh_token", organizationId = "o1") =>
  tokenAad("OrganizationConnection", ["u1", organizationId], column);
const accountAad = tokenAad("Account", ["u1"], "refresh_token");
const outboxAad = tokenAad("RevocationOutbox", ["r1"], "token");

/** Starts the script; `done` resolves with its exit code and output, whatever the code. */
function startRotate(env: Record<string, string>) {
  const child = spawn(process.execPath, ["scripts/rotate-token-key.ts"], {
    env: { ...process.env, ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

const rotate = (env: Record<string, string>) => startRotate(env).done;

const storedTokens = async () =>
  (
    await db.query(
      `SELECT access_token, refresh_token FROM "OrganizationConnection" WHERE id = 'c1'
       UNION ALL SELECT access_token, refresh_token FROM "Account"
       UNION ALL SELECT token, NULL FROM "RevocationOutbox"`,
    )
  ).rows;

setUpDatabase();
beforeAll(() => db.connect());
afterAll(() => db.end());

beforeEach(async () => {
  const key = parseKey(oldKey, "old");
  await db.query(`INSERT INTO "User" (id, "updatedAt") VALUES ('u1', now())`);
  await db.query(
    `INSERT INTO "OrganizationConnection" (id, "userId", "organizationId", "organizationSlug", "organizationName", access_token, refresh_token, "updatedAt")
     VALUES ('c1', 'u1', 'o1', 'acme', 'Acme', $1, $2, now())`,
    [
      encrypt(key, "polar_at_o_one", connectionAad("access_token")),
      encrypt(key, "polar_rt_o_one", connectionAad("refresh_token")),
    ],
  );
  // Written before tokens were bound to their rows.
  await db.query(
    `INSERT INTO "Account" (id, "userId", type, provider, "providerAccountId", refresh_token, "updatedAt")
     VALUES ('a1', 'u1', 'oidc', 'polar', 'p1', $1, now())`,
    [encryptV1(key, "polar_rt_u_legacy")],
  );
  await db.query(
    `INSERT INTO "RevocationOutbox" (id, token, "tokenTypeHint", attempts, "nextAttemptAt", "lastError")
     VALUES ('r1', $1, 'refresh_token', 1, now(), '503')`,
    [encrypt(key, "polar_rt_u_unrevoked", outboxAad)],
  );
});

it("re-encrypts every token with the new key, bound to its row, the revocation outbox's too", async () => {
  const { code, stdout } = await rotate(rotation);
  expect(code).toBe(0);
  expect(stdout).toContain(`Re-encrypted 3 row(s) with key ${newKeyId}.`);

  const [connection, account, outbox] = await storedTokens();
  expect(connection.refresh_token).toMatch(/^enc:v2:/);
  expect(decrypt(onlyNewKey, connection.access_token, connectionAad("access_token"))).toBe("polar_at_o_one");
  expect(decrypt(onlyNewKey, connection.refresh_token, connectionAad("refresh_token"))).toBe(
    "polar_rt_o_one",
  );
  expect(account.refresh_token).toMatch(/^enc:v2:/);
  expect(decrypt(onlyNewKey, account.refresh_token, accountAad)).toBe("polar_rt_u_legacy");
  expect(decrypt(onlyNewKey, outbox.access_token, outboxAad)).toBe("polar_rt_u_unrevoked");
  // Bound to its column: it does not open as the connection's refresh token.
  expect(() => decrypt(onlyNewKey, account.refresh_token, connectionAad("refresh_token"))).toThrow(
    /altered or belongs to another row/,
  );
});

it("rewrites the enc:v1: rows of an upgrade under the same key, and leaves current rows as they are", async () => {
  const before = await storedTokens();
  const { stdout } = await rotate({ TOKEN_ENCRYPTION_KEY: oldKey });
  expect(stdout).toContain("Re-encrypted 1 row(s)");
  const [connection, account, outbox] = await storedTokens();
  const key = parseKey(oldKey, "old");
  expect(decrypt(new Map([[key.id, key]]), account.refresh_token, accountAad)).toBe("polar_rt_u_legacy");
  expect(account.refresh_token).toMatch(/^enc:v2:/);
  expect([connection, outbox]).toEqual([before[0], before[2]]);

  expect((await rotate({ TOKEN_ENCRYPTION_KEY: oldKey })).stdout).toContain("Re-encrypted 0 row(s)");
});

it("reports a token no key decrypts (table, row, column, never the value), skips it, rotates the rest and exits 0", async () => {
  await db.query(`UPDATE "OrganizationConnection" SET access_token = refresh_token`);
  const moved = (await storedTokens())[0].access_token;

  const { code, stdout, stderr } = await rotate(rotation);
  expect(code).toBe(0);
  expect(stdout).toContain("Re-encrypted 3 row(s)");
  expect(stderr).toMatch(
    /Skipped 1 token\(s\) that no configured key decrypts.*\n {2}- OrganizationConnection c1 access_token: Token failed authentication/,
  );
  expect(stdout + stderr).not.toContain(moved);
  const [connection] = await storedTokens();
  expect(connection.access_token).toBe(moved);
  expect(decrypt(onlyNewKey, connection.refresh_token, connectionAad("refresh_token"))).toBe(
    "polar_rt_o_one",
  );
});

it("skips every token when an old key is missing, changing nothing, and says to add it", async () => {
  const before = await storedTokens();
  const { code, stdout, stderr } = await rotate({ TOKEN_ENCRYPTION_KEY: newKey });
  expect(code).toBe(0);
  expect(stdout).toContain("Re-encrypted 0 row(s)");
  expect(stderr).toMatch(/Skipped 4 token\(s\).*add it to TOKEN_ENCRYPTION_KEYS_PREVIOUS and run this again/);
  expect(stderr).toMatch(/- Account a1 refresh_token: Token was encrypted with an unknown key/);
  expect(stderr).toMatch(/- RevocationOutbox r1 token: /);
  expect(await storedTokens()).toEqual(before);
});

/** 250 connections (bulk-000 to bulk-249) under the old key: three batches of 100, before c1. */
async function insertBulk() {
  const key = parseKey(oldKey, "old");
  const ids = Array.from({ length: 250 }, (_, i) => `bulk-${String(i).padStart(3, "0")}`);
  await db.query(
    `INSERT INTO "OrganizationConnection" (id, "userId", "organizationId", "organizationSlug", "organizationName", refresh_token, "updatedAt")
     SELECT id, 'u1', id, id, id, token, now() FROM unnest($1::text[], $2::text[]) AS t(id, token)`,
    [ids, ids.map((id) => encrypt(key, `polar_rt_u_${id}`, connectionAad("refresh_token", id)))],
  );
}

/** How many bulk rows are under the new key. */
const rotatedBulk = async () =>
  Number(
    (
      await db.query(
        `SELECT count(*) FROM "OrganizationConnection" WHERE id LIKE 'bulk-%' AND refresh_token LIKE $1`,
        [`enc:v2:${newKeyId}:%`],
      )
    ).rows[0].count,
  );

const bulkToken = async (id: string) => {
  const { rows } = await db.query(`SELECT refresh_token FROM "OrganizationConnection" WHERE id = $1`, [id]);
  return decrypt(onlyNewKey, rows[0].refresh_token, connectionAad("refresh_token", id));
};

/** A transaction of another client (the app) holding bulk-249's row; `statement` runs in it. */
async function holdLastRow(statement: string, params: unknown[] = []) {
  const locker = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await locker.connect();
  await locker.query("BEGIN");
  await locker.query(statement, params);
  return {
    end: async (outcome: "COMMIT" | "ROLLBACK") => {
      await locker.query(outcome);
      await locker.end();
    },
  };
}

it("commits batch by batch, so a row locked in a later batch holds back only that batch, and finishes when run again after being killed", async (context) => {
  const needsServer = await needsServerReason();
  if (needsServer) return context.skip(needsServer);
  await insertBulk();
  const lock = await holdLastRow(`SELECT id FROM "OrganizationConnection" WHERE id = 'bulk-249' FOR UPDATE`);
  const url = new URL(process.env.DATABASE_URL!);
  url.searchParams.set("application_name", "interrupted-rotation");
  const first = startRotate({ ...rotation, DATABASE_URL: url.toString(), ROTATE_BATCH_SIZE: "100" });
  try {
    // The first two batches are committed while the third waits for the locked row.
    await expect.poll(rotatedBulk, { timeout: 15_000 }).toBe(200);
  } finally {
    // Interrupted: the process and its statement, which the database would otherwise finish.
    first.child.kill("SIGKILL");
    await first.done;
    await db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'interrupted-rotation'`,
    );
    await lock.end("ROLLBACK");
  }
  expect(await rotatedBulk()).toBe(200);

  // Run again: the current rows are skipped, the rest rotated (50 bulk rows, c1, the outbox row).
  const { code, stdout } = await rotate(rotation);
  expect(code).toBe(0);
  expect(stdout).toContain("Re-encrypted 52 row(s)");
  expect(await rotatedBulk()).toBe(250);
  expect(await bulkToken("bulk-249")).toBe("polar_rt_u_bulk-249");
}, 60_000);

it("leaves a row the app rewrote while the script ran as the app wrote it", async (context) => {
  const needsServer = await needsServerReason();
  if (needsServer) return context.skip(needsServer);
  await insertBulk();
  // The app refreshes bulk-249's grant, storing a new token, and commits once the script has read it.
  const refreshed = encrypt(
    parseKey(newKey, "new"),
    "polar_rt_u_refreshed",
    connectionAad("refresh_token", "bulk-249"),
  );
  const app = await holdLastRow(
    `UPDATE "OrganizationConnection" SET refresh_token = $1 WHERE id = 'bulk-249'`,
    [refreshed],
  );
  const running = startRotate({ ...rotation, ROTATE_BATCH_SIZE: "100" });
  await expect.poll(rotatedBulk, { timeout: 15_000 }).toBe(200);
  await app.end("COMMIT");

  const { code, stdout } = await running.done;
  expect(code).toBe(0);
  expect(stdout).toContain("1 row(s) changed while this ran and were left as the app wrote them");
  expect(await bulkToken("bulk-249")).toBe("polar_rt_u_refreshed");
  expect(await bulkToken("bulk-248")).toBe("polar_rt_u_bulk-248");
}, 60_000);
