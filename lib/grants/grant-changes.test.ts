// Disconnect, sign-out, reconnect and a new sign-in while a refresh of the same
// grant is in flight (Polar answering it late): each waits for the refresh's
// lease, so the grant it revokes is the refreshed one and the refresh never
// stores its tokens over a new grant. Real PostgreSQL, the Polar emulator.
import { setTimeout as sleep } from "node:timers/promises";
import type { Account } from "next-auth";
import { describe, expect, it } from "vitest";
import { ADA_ID, NEBULA_ID } from "polar-emulator/seed";
import { authorizationCodeTokens } from "polar-emulator/testing";
import { setUpEmulator, type PolarSetUp } from "@/test-support/integration";
import type { GrantTable } from "./grant-row";

let emulatorUrl: string;
let freshAccessToken: typeof import("./refresh").freshAccessToken;
let connections: typeof import("./connections");
let userGrant: typeof import("./sign-in-grant");
let grants: PolarSetUp["grants"];

const db = setUpEmulator(async (polar) => {
  ({ issuer: emulatorUrl, grants } = polar);
  ({ freshAccessToken } = await import("./refresh"));
  connections = await import("./connections");
  userGrant = await import("./sign-in-grant");
});

/** Starts a refresh that Polar answers after 1.5 s; resolves once it holds the lease (not when it ends). */
async function slowRefresh(table: GrantTable, id: string): Promise<{ refreshing: Promise<string | null> }> {
  await grants.control("token-delays", { delay_ms: 1_500, grant_type: "refresh_token" });
  const refreshing = freshAccessToken(table, id);
  const lease = async () =>
    (table === "Account"
      ? await db.account.findUniqueOrThrow({ where: { id } })
      : await db.organizationConnection.findUniqueOrThrow({ where: { id } })
    ).grantLeaseId;
  while (!(await lease())) await sleep(10);
  return { refreshing };
}

/** A token response as Auth.js hands it to the app's callbacks. */
function accountOf(
  provider: string,
  tokens: { access_token: string; refresh_token: string; expires_in: number },
): Account {
  return {
    provider,
    type: "oidc",
    providerAccountId: ADA_ID,
    access_token: tokens.access_token,
    refresh_token: tokens.refresh_token,
    expires_at: Math.floor(Date.now() / 1000) + tokens.expires_in,
  };
}

async function revocations(): Promise<number> {
  return (await grants.control("stats")).revocations;
}

describe("ending a grant during its refresh", () => {
  it("disconnect waits for the refresh and revokes the refreshed grant", async () => {
    const { user, connection, tokens } = await grants.expiredConnection(NEBULA_ID, "nebula-labs");
    const { refreshing } = await slowRefresh("OrganizationConnection", connection.id);

    const disconnected = await connections.revokeAndDeleteConnection(user.id, NEBULA_ID);
    const refreshed = await refreshing;

    expect(disconnected).toBe(true);
    expect(refreshed).toMatch(/^polar_at_u_/);
    expect(await db.organizationConnection.count()).toBe(0);
    // One revocation, of the grant the refresh stored; the one before it was rotated away.
    expect(await revocations()).toBe(1);
    expect(await grants.isLive(refreshed!)).toBe(false);
    expect(await grants.isLive(tokens.refresh_token)).toBe(false);
  });

  it("sign-out waits for the refresh and revokes the refreshed sign-in grant", async () => {
    const { user, account, tokens } = await grants.expiredSignIn();
    const { refreshing } = await slowRefresh("Account", account.id);

    await userGrant.endSignInGrant(user.id);
    const refreshed = await refreshing;

    expect(refreshed).toMatch(/^polar_at_u_/);
    expect(await db.account.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({
      access_token: null,
      refresh_token: null,
      grantLeaseId: null,
    });
    expect(await revocations()).toBe(1);
    expect(await grants.isLive(refreshed!)).toBe(false);
    expect(await grants.isLive(tokens.refresh_token)).toBe(false);
  });
});

describe("replacing a grant during its refresh", () => {
  it("a reconnect waits for the refresh, revokes the refreshed grant, and keeps the new one", async () => {
    const { user, connection } = await grants.expiredConnection(NEBULA_ID, "nebula-labs");
    const reconnected = await grants.organizationGrant(NEBULA_ID);
    const { refreshing } = await slowRefresh("OrganizationConnection", connection.id);

    const stored = await connections.storeOrganizationGrant(
      user.id,
      accountOf("polar-organization", reconnected),
    );
    const refreshed = await refreshing;

    expect(stored).toEqual({ ok: true, slug: "nebula-labs" });
    expect(await db.organizationConnection.findUniqueOrThrow({ where: { id: connection.id } })).toMatchObject(
      {
        access_token: reconnected.access_token,
        refresh_token: reconnected.refresh_token,
        grantLeaseId: null,
      },
    );
    expect(await grants.isLive(reconnected.refresh_token)).toBe(true);
    expect(await grants.isLive(refreshed!)).toBe(false);
    expect(await revocations()).toBe(1);
  });

  it("a new sign-in waits for the refresh of the old sign-in grant, revokes it, and keeps the new one", async () => {
    const { user, account } = await grants.expiredSignIn();
    const signedIn = await authorizationCodeTokens(emulatorUrl, {
      userId: ADA_ID,
      scope: "openid email organizations:read",
    });
    const { refreshing } = await slowRefresh("Account", account.id);

    await userGrant.storeSignInGrant(user.id, accountOf("polar", signedIn));
    const refreshed = await refreshing;

    expect(await db.account.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({
      access_token: signedIn.access_token,
      refresh_token: signedIn.refresh_token,
      grantLeaseId: null,
    });
    expect(await grants.isLive(signedIn.refresh_token)).toBe(true);
    expect(await grants.isLive(refreshed!)).toBe(false);
    expect(await revocations()).toBe(1);
  });

  it("a first connect creates the connection", async () => {
    const user = await db.user.create({ data: { name: "Ada Lovelace" } });
    const tokens = await grants.organizationGrant(NEBULA_ID);

    expect(
      await connections.storeOrganizationGrant(user.id, accountOf("polar-organization", tokens)),
    ).toEqual({ ok: true, slug: "nebula-labs" });

    expect(await db.organizationConnection.findFirstOrThrow({ where: { userId: user.id } })).toMatchObject({
      organizationId: NEBULA_ID,
      access_token: tokens.access_token,
      grantLeaseId: null,
    });
    expect(await revocations()).toBe(0);
  });
});
