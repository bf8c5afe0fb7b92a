// The token lifecycle against the real PostgreSQL and the Polar emulator:
// single-flight refresh, rotation, invalid_grant and encryption at rest.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { ACME_ID, NEBULA_ID } from "polar-emulator/seed";
import { setUpEmulator, type PolarSetUp } from "@/test-support/integration";

type Fixtures = PolarSetUp["grants"];

let freshAccessToken: typeof import("./refresh").freshAccessToken;
let polarApi: typeof import("@/lib/polar/client").polarApi;
let control: Fixtures["control"];
let refreshCalls: Fixtures["refreshCalls"];
let refreshError: Fixtures["refreshError"];
let expiredConnection: Fixtures["expiredConnection"];

// The app's modules read the Polar server from the environment when loaded.
const db = setUpEmulator(async ({ grants }) => {
  ({ freshAccessToken } = await import("./refresh"));
  ({ polarApi } = await import("@/lib/polar/client"));
  ({ control, refreshCalls, refreshError, expiredConnection } = grants);
});

describe("freshAccessToken", () => {
  it("turns 50 concurrent uses of an expired token into exactly one refresh", async () => {
    const { connection, tokens } = await expiredConnection(NEBULA_ID, "nebula-labs");
    const before = await refreshCalls();

    const results = await Promise.all(
      Array.from({ length: 50 }, () => freshAccessToken("OrganizationConnection", connection.id)),
    );

    expect(await refreshCalls()).toBe(before + 1);
    expect(new Set(results).size).toBe(1);
    expect(results[0]).toMatch(/^polar_at_u_/);
    expect(results[0]).not.toBe(tokens.access_token);

    const stored = await db.organizationConnection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(stored.refresh_token).toMatch(/^polar_rt_u_/);
    expect(stored.refresh_token).not.toBe(tokens.refresh_token);
    expect(stored.access_token).toBe(results[0]);
    expect(stored.expires_at! * 1000).toBeGreaterThan(Date.now());

    // Polar rotated the refresh token: the old one is dead, the stored one works.
    expect(await refreshError(tokens.refresh_token)).toBe("invalid_grant");
    expect(await refreshError(stored.refresh_token!)).toBeUndefined();
  });

  it("does not refresh a token that is still valid", async () => {
    const { connection } = await expiredConnection(ACME_ID, "acme-analytics");
    await db.organizationConnection.update({
      where: { id: connection.id },
      data: { expires_at: Math.floor(Date.now() / 1000) + 3600 },
    });
    const before = await refreshCalls();
    expect(await freshAccessToken("OrganizationConnection", connection.id)).toMatch(/^polar_at_u_/);
    expect(await refreshCalls()).toBe(before);
  });

  it("marks the grant for reconnection on invalid_grant and keeps everything else", async () => {
    const revoked = await expiredConnection(NEBULA_ID, "nebula-labs");
    const other = await db.organizationConnection.create({
      data: {
        userId: revoked.user.id,
        organizationId: ACME_ID,
        organizationSlug: "acme-analytics",
        organizationName: "Acme Analytics",
        access_token: "polar_at_o_still_valid",
        expires_at: Math.floor(Date.now() / 1000) + 3600,
      },
    });
    await control("token-failures", { error: "invalid_grant", status: 400 });

    expect(await freshAccessToken("OrganizationConnection", revoked.connection.id)).toBeNull();

    const stored = await db.organizationConnection.findUniqueOrThrow({
      where: { id: revoked.connection.id },
    });
    expect(stored).toMatchObject({
      needsReconnect: true,
      reconnectReason: "refused",
      access_token: null,
      refresh_token: null,
      grantLeaseId: null,
    });
    expect(await freshAccessToken("OrganizationConnection", other.id)).toBe("polar_at_o_still_valid");
    expect(await db.user.findUnique({ where: { id: revoked.user.id } })).not.toBeNull();
  });

  it("keeps the refresh token when Polar fails for another reason", async () => {
    const { connection, tokens } = await expiredConnection(NEBULA_ID, "nebula-labs");
    await control("token-failures", { error: "server_error", status: 500 });

    await expect(freshAccessToken("OrganizationConnection", connection.id)).rejects.toThrow();

    const stored = await db.organizationConnection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(stored).toMatchObject({
      needsReconnect: false,
      refresh_token: tokens.refresh_token,
      grantLeaseId: null,
    });
    expect(await freshAccessToken("OrganizationConnection", connection.id)).toMatch(/^polar_at_u_/);
  });
});

describe("a refresh that changes the subject type", () => {
  it("keeps working when Polar turns the organization token into a user token", async () => {
    // A legacy organization token of a single-member organization: Polar's refresh makes it a user token.
    const legacy = await control("legacy-organization-token", {
      organization_id: ACME_ID,
      scope: "openid organizations:read products:read",
    });
    const { connection } = await expiredConnection(ACME_ID, "acme-analytics", legacy);

    const token = await freshAccessToken("OrganizationConnection", connection.id);

    expect(token).toMatch(/^polar_at_u_/);
    const stored = await db.organizationConnection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(stored).toMatchObject({ subjectType: "user", needsReconnect: false });
    expect(stored.refresh_token).toMatch(/^polar_rt_u_/);
    // The app scopes every call to the connection's organization (Polar-Organization).
    const organization = await polarApi(token!, { organizationId: ACME_ID }).organizations.get(ACME_ID);
    expect(organization.slug).toBe("acme-analytics");
  });

  it("keeps a legacy organization token of a multi-member organization an organization token", async () => {
    // Nebula Labs has two members: Polar cannot pick one, so the token stays bound to the organization.
    const legacy = await control("legacy-organization-token", {
      organization_id: NEBULA_ID,
      scope: "openid organizations:read products:read",
    });
    const { connection } = await expiredConnection(NEBULA_ID, "nebula-labs", legacy);

    const token = await freshAccessToken("OrganizationConnection", connection.id);

    expect(token).toMatch(/^polar_at_o_/);
    expect(token).not.toBe(legacy.access_token);
    const stored = await db.organizationConnection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(stored).toMatchObject({ subjectType: "organization", needsReconnect: false });
    const { items } = await polarApi(token!, { organizationId: NEBULA_ID }).products.list({});
    expect(items.length).toBeGreaterThan(0);
  });
});

describe("tokens at rest", () => {
  it("stores no token in clear", async () => {
    const { connection, tokens } = await expiredConnection(NEBULA_ID, "nebula-labs");
    await freshAccessToken("OrganizationConnection", connection.id);
    const raw = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await raw.connect();
    try {
      const { rows } = await raw.query('SELECT * FROM "OrganizationConnection"');
      const dump = JSON.stringify(rows);
      expect(rows).toHaveLength(1);
      expect(dump).not.toMatch(/polar_(at|rt)_/);
      expect(dump).not.toContain(tokens.refresh_token);
      expect(rows[0].refresh_token).toMatch(/^enc:v2:/);
    } finally {
      await raw.end();
    }
  });
});
