// The encryption extension on the real PostgreSQL: tokens are bound to their
// row's owner and column, an unreadable token reads as absent (logged with the
// row id, never the ciphertext), and callers get exactly what they selected.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { setUpDatabase } from "@/test-support/integration";
import { encrypt, parseKey } from "@/lib/crypto/aes-gcm";
import { encryptV1 } from "@/lib/crypto/testing";
import { tokenAad } from "./token-aad";

const db = setUpDatabase();
const raw = new pg.Client({ connectionString: process.env.DATABASE_URL });
const appKey = parseKey(process.env.TOKEN_ENCRYPTION_KEY!, "TOKEN_ENCRYPTION_KEY");

let ada: { id: string };
let grace: { id: string };

async function connection(userId: string, organizationId: string) {
  return db.organizationConnection.create({
    data: {
      userId,
      organizationId,
      organizationSlug: organizationId,
      organizationName: organizationId,
      access_token: `polar_at_o_${organizationId}_${userId}`,
      refresh_token: `polar_rt_o_${organizationId}_${userId}`,
    },
  });
}

const stored = async (id: string) =>
  (await raw.query('SELECT access_token, refresh_token FROM "OrganizationConnection" WHERE id = $1', [id]))
    .rows[0];

const setStored = (id: string, column: "access_token" | "refresh_token", value: string) =>
  raw.query(`UPDATE "OrganizationConnection" SET ${column} = $2 WHERE id = $1`, [id, value]);

const readTokens = (id: string) =>
  db.organizationConnection.findUniqueOrThrow({
    where: { id },
    select: { access_token: true, refresh_token: true },
  });

beforeAll(() => raw.connect());
afterAll(() => raw.end());

beforeEach(async () => {
  ada = await db.user.create({ data: { name: "Ada" } });
  grace = await db.user.create({ data: { name: "Grace" } });
});

afterEach(() => vi.restoreAllMocks());

describe("tokens bound to their row", () => {
  it("stores enc:v2: ciphertext and hands back plaintext", async () => {
    const { id } = await connection(ada.id, "org-1");
    expect((await stored(id)).refresh_token).toMatch(/^enc:v2:/);
    expect(await readTokens(id)).toEqual({
      access_token: "polar_at_o_org-1_" + ada.id,
      refresh_token: "polar_rt_o_org-1_" + ada.id,
    });
  });

  it("does not decrypt a ciphertext copied to another user's row, organization or column", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const adas = await connection(ada.id, "org-1");
    const adasOther = await connection(ada.id, "org-2");
    const graces = await connection(grace.id, "org-1");
    const { refresh_token: adasRefreshToken } = await stored(adas.id);

    await setStored(graces.id, "refresh_token", adasRefreshToken);
    await setStored(adasOther.id, "refresh_token", adasRefreshToken);
    await setStored(adas.id, "access_token", adasRefreshToken);

    expect((await readTokens(graces.id)).refresh_token).toBeNull();
    expect((await readTokens(adasOther.id)).refresh_token).toBeNull();
    expect(await readTokens(adas.id)).toEqual({
      access_token: null,
      refresh_token: `polar_rt_o_org-1_${ada.id}`,
    });
    const logged = error.mock.calls.flat().join("\n");
    for (const id of [graces.id, adasOther.id, adas.id]) expect(logged).toContain(id);
    expect(logged).toContain("(authentication)");
    expect(logged).not.toContain(adasRefreshToken.split(":")[4]);
  });

  it("still reads rows written before tokens were bound (enc:v1:)", async () => {
    const { id } = await connection(ada.id, "org-1");
    await setStored(id, "refresh_token", encryptV1(appKey, "polar_rt_o_legacy"));
    expect((await readTokens(id)).refresh_token).toBe("polar_rt_o_legacy");
  });
});

describe("an undecryptable token", () => {
  const foreignKey = parseKey(randomBytes(32).toString("base64"), "foreign");
  const cases = {
    "unknown-key": (_: string, aad: string) => encrypt(foreignKey, "polar_rt_o_x", aad),
    authentication: (value: string) =>
      value.replace(
        /:([^:])([^:]*)$/,
        (_, first: string, rest: string) => `:${first === "A" ? "B" : "A"}${rest}`,
      ),
    malformed: (value: string) => value.split(":").slice(0, 5).join(":"),
  };

  for (const [reason, corrupt] of Object.entries(cases)) {
    it(`(${reason}) reads as absent, logged with the row id and never the value`, async () => {
      const error = vi.spyOn(console, "error").mockImplementation(() => {});
      const broken = await connection(ada.id, "org-1");
      const healthy = await connection(ada.id, "org-2");
      const bad = corrupt(
        (await stored(broken.id)).refresh_token,
        tokenAad("OrganizationConnection", [ada.id, "org-1"], "refresh_token"),
      );
      await setStored(broken.id, "refresh_token", bad);

      expect(await readTokens(broken.id)).toEqual({
        access_token: `polar_at_o_org-1_${ada.id}`,
        refresh_token: null,
      });
      expect((await readTokens(healthy.id)).refresh_token).toBe(`polar_rt_o_org-2_${ada.id}`);
      expect(await db.user.count()).toBe(2);

      expect(error).toHaveBeenCalledTimes(1);
      const logged = String(error.mock.calls[0]![0]);
      expect(logged).toContain(
        `OrganizationConnection ${broken.id} refresh_token cannot be decrypted (${reason})`,
      );
      for (const part of bad.split(":").slice(3)) expect(logged).not.toContain(part);
    });
  }
});

describe("owners on writes", () => {
  it("refuses to write a token by id alone, and writes it with the owner in where", async () => {
    const { id } = await connection(ada.id, "org-1");
    await expect(
      db.organizationConnection.update({ where: { id }, data: { access_token: "polar_at_o_new" } }),
    ).rejects.toThrow(/needs the row's owner \(userId, organizationId\)/);
    await db.organizationConnection.update({
      where: { id, userId: ada.id, organizationId: "org-1" },
      data: { access_token: "polar_at_o_new" },
    });
    await db.organizationConnection.updateMany({
      where: { userId: ada.id, organizationId: { equals: "org-1" } },
      data: { refresh_token: { set: "polar_rt_o_new" } },
    });
    expect(await readTokens(id)).toEqual({ access_token: "polar_at_o_new", refresh_token: "polar_rt_o_new" });
    // Writes that carry no token need no owner.
    await db.organizationConnection.update({ where: { id }, data: { expires_at: 1, refresh_token: null } });
  });

  it("binds an upsert's update to the row in where, and its create to the new row", async () => {
    const where = { userId_organizationId: { userId: ada.id, organizationId: "org-1" } };
    const row = (refresh_token: string) => ({
      where,
      create: { ...where.userId_organizationId, organizationSlug: "o", organizationName: "O", refresh_token },
      update: { refresh_token },
    });
    const { id } = await db.organizationConnection.upsert(row("polar_rt_o_created"));
    expect((await readTokens(id)).refresh_token).toBe("polar_rt_o_created");
    await db.organizationConnection.upsert(row("polar_rt_o_updated"));
    expect((await readTokens(id)).refresh_token).toBe("polar_rt_o_updated");
  });

  it("keeps tokens out of nested writes through the user", async () => {
    await expect(
      db.user.create({
        data: {
          name: "Nested",
          accounts: {
            create: {
              type: "oidc",
              provider: "polar",
              providerAccountId: "p",
              access_token: "polar_at_u_plain",
            },
          },
        },
      }),
    ).rejects.toThrow(/through db.account/);
  });
});

describe("reads", () => {
  it("return exactly the fields selected, though decrypting needs the id and owner", async () => {
    const { id } = await connection(ada.id, "org-1");
    expect(
      await db.organizationConnection.findUnique({ where: { id }, select: { refresh_token: true } }),
    ).toEqual({
      refresh_token: `polar_rt_o_org-1_${ada.id}`,
    });
    const omitted = await db.organizationConnection.findFirstOrThrow({
      where: { id },
      omit: { userId: true, id: true },
    });
    expect(omitted).not.toHaveProperty("userId");
    expect(omitted).not.toHaveProperty("id");
    expect(omitted.access_token).toBe(`polar_at_o_org-1_${ada.id}`);
    const [listed] = await db.organizationConnection.findMany({ select: { organizationSlug: true } });
    expect(listed).toEqual({ organizationSlug: "org-1" });
  });

  it("decrypt what writes return, and the Auth.js adapter's account lookups", async () => {
    const account = await db.account.create({
      data: {
        userId: ada.id,
        type: "oidc",
        provider: "polar",
        providerAccountId: "p1",
        access_token: "polar_at_u_one",
      },
    });
    expect(account.access_token).toBe("polar_at_u_one");
    const found = await db.account.findUnique({
      where: { provider_providerAccountId: { provider: "polar", providerAccountId: "p1" } },
      include: { user: true },
    });
    expect(found).toMatchObject({ access_token: "polar_at_u_one", user: { id: ada.id } });
    expect((await db.account.delete({ where: { id: account.id } })).access_token).toBe("polar_at_u_one");
  });
});
