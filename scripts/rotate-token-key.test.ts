import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { RESET_DATABASE } from "../test-support/reset-database";
import { tokenAad } from "../lib/db/token-aad";
import { decrypt, encrypt, parseKey } from "../lib/crypto/aes-gcm";
import { encryptV1 } from "../lib/crypto/testing";

const run = promisify(execFile);
const oldKey = randomBytes(32).toString("base64");
const newKey = randomBytes(32).toString("base64");
const db = new pg.Client({ connectionString: process.env.DATABASE_URL });

const connectionAad = (column: "access_token" | "refresh_token") =>
  tokenAad("OrganizationConnection", ["u1", "o1"], column);
const accountAad = tokenAad("Account", ["u1"], "refresh_token");

function rotate(env: Record<string, string>) {
  return run(process.execPath, ["scripts/rotate-token-key.ts"], {
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, ...env },
  });
}

const storedTokens = async () =>
  (
    await db.query(
      'SELECT access_token, refresh_token FROM "OrganizationConnection" UNION ALL SELECT access_token, refresh_token FROM "Account"',
    )
  ).rows;

beforeAll(() => db.connect());
afterAll(() => db.end());

beforeEach(async () => {
  await db.query(RESET_DATABASE);
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
});

it("re-encrypts every token with the new key, bound to its row", async () => {
  const { stdout } = await rotate({ TOKEN_ENCRYPTION_KEY: newKey, TOKEN_ENCRYPTION_KEYS_PREVIOUS: oldKey });
  expect(stdout).toContain("Re-encrypted 2 row(s)");

  const key = parseKey(newKey, "new");
  const onlyNewKey = new Map([[key.id, key]]);
  const [connection, account] = await storedTokens();
  expect(connection.refresh_token).toMatch(/^enc:v2:/);
  expect(decrypt(onlyNewKey, connection.access_token, connectionAad("access_token"))).toBe("polar_at_o_one");
  expect(decrypt(onlyNewKey, connection.refresh_token, connectionAad("refresh_token"))).toBe(
    "polar_rt_o_one",
  );
  expect(account.refresh_token).toMatch(/^enc:v2:/);
  expect(decrypt(onlyNewKey, account.refresh_token, accountAad)).toBe("polar_rt_u_legacy");
  // Bound to its column: it does not open as the connection's refresh token.
  expect(() => decrypt(onlyNewKey, account.refresh_token, connectionAad("refresh_token"))).toThrow(
    /altered or belongs to another row/,
  );
});

it("rewrites the enc:v1: rows of an upgrade under the same key, and leaves current rows alone", async () => {
  const { stdout } = await rotate({ TOKEN_ENCRYPTION_KEY: oldKey });
  expect(stdout).toContain("Re-encrypted 1 row(s)");
  const [, account] = await storedTokens();
  const key = parseKey(oldKey, "old");
  expect(decrypt(new Map([[key.id, key]]), account.refresh_token, accountAad)).toBe("polar_rt_u_legacy");
  expect(account.refresh_token).toMatch(/^enc:v2:/);
});

it("changes nothing when an old key is missing", async () => {
  const before = await storedTokens();
  await expect(rotate({ TOKEN_ENCRYPTION_KEY: newKey })).rejects.toMatchObject({
    stderr: expect.stringContaining("nothing changed"),
  });
  expect(await storedTokens()).toEqual(before);
});

it("changes nothing, and names the row, when a ciphertext was moved to another row", async () => {
  await db.query(`UPDATE "OrganizationConnection" SET access_token = refresh_token`);
  const before = await storedTokens();
  const failure = rotate({ TOKEN_ENCRYPTION_KEY: newKey, TOKEN_ENCRYPTION_KEYS_PREVIOUS: oldKey });
  await expect(failure).rejects.toMatchObject({
    stderr: expect.stringMatching(
      /nothing changed: OrganizationConnection c1 access_token: .*belongs to another row/,
    ),
  });
  await expect(failure).rejects.toMatchObject({
    stderr: expect.not.stringContaining(before[0].access_token),
  });
  expect(await storedTokens()).toEqual(before);
});
