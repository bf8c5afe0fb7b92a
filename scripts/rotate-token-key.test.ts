import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { decrypt, encrypt, parseKey } from "../lib/crypto/aes-gcm";

const run = promisify(execFile);
const oldKey = randomBytes(32).toString("base64");
const newKey = randomBytes(32).toString("base64");
const db = new pg.Client({ connectionString: process.env.DATABASE_URL });

function rotate(env: Record<string, string>) {
  return run(process.execPath, ["scripts/rotate-token-key.ts"], {
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, ...env },
  });
}

beforeAll(() => db.connect());
afterAll(() => db.end());

beforeEach(async () => {
  await db.query('TRUNCATE "User", "Account", "Session", "OrganizationConnection" CASCADE');
  const key = parseKey(oldKey, "old");
  await db.query(`INSERT INTO "User" (id, "updatedAt") VALUES ('u1', now())`);
  await db.query(
    `INSERT INTO "OrganizationConnection" (id, "userId", "organizationId", "organizationSlug", "organizationName", access_token, refresh_token, "updatedAt")
     VALUES ('c1', 'u1', 'o1', 'acme', 'Acme', $1, $2, now())`,
    [encrypt(key, "polar_at_o_one"), encrypt(key, "polar_rt_o_one")],
  );
});

it("re-encrypts every token with the new key", async () => {
  const { stdout } = await rotate({ TOKEN_ENCRYPTION_KEY: newKey, TOKEN_ENCRYPTION_KEYS_PREVIOUS: oldKey });
  expect(stdout).toContain("Re-encrypted 1 row(s)");

  const key = parseKey(newKey, "new");
  const { rows } = await db.query('SELECT access_token, refresh_token FROM "OrganizationConnection"');
  const onlyNewKey = new Map([[key.id, key]]);
  expect(decrypt(onlyNewKey, rows[0].access_token)).toBe("polar_at_o_one");
  expect(decrypt(onlyNewKey, rows[0].refresh_token)).toBe("polar_rt_o_one");
});

it("changes nothing when an old key is missing", async () => {
  const { rows: before } = await db.query('SELECT refresh_token FROM "OrganizationConnection"');
  await expect(rotate({ TOKEN_ENCRYPTION_KEY: newKey })).rejects.toMatchObject({
    stderr: expect.stringContaining("nothing changed"),
  });
  const { rows: after } = await db.query('SELECT refresh_token FROM "OrganizationConnection"');
  expect(after).toEqual(before);
});
