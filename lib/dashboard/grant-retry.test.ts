// A dashboard read whose access token a concurrent refresh rotated away: Polar
// revokes the old access token at the moment of the refresh, so the read gets
// 401 and must retry once with the token the refresh stored.
import { expect, it, vi } from "vitest";
import { ADA_ID, NEBULA_ID } from "polar-emulator/seed";
import { control, authorizationCodeTokens } from "polar-emulator/testing";
import { setUpEmulator } from "@/test-support/integration";

// The session is not under test: the loaders ask for the signed-in user, and get this one.
const signedIn = vi.hoisted(() => ({ id: "" }));
vi.mock("@/lib/auth/current-user", () => ({ currentUser: async () => ({ id: signedIn.id }) }));

let issuer: string;
let productsLoader: typeof import("./products").productsLoader;
let freshAccessToken: typeof import("@/lib/grants/refresh").freshAccessToken;

const db = setUpEmulator(async (polar) => {
  issuer = polar.issuer;
  ({ productsLoader } = await import("./products"));
  ({ freshAccessToken } = await import("@/lib/grants/refresh"));
});

async function stats() {
  return (await (await control(issuer, "stats")).json()) as {
    api: Record<string, number>;
    token: Record<string, number>;
  };
}

it("retries once with the stored token when a concurrent refresh revoked the one it read", async () => {
  const tokens = await authorizationCodeTokens(issuer, {
    userId: ADA_ID,
    subType: "organization",
    organizationId: NEBULA_ID,
    scope: "openid organizations:read products:read",
  });
  const user = await db.user.create({ data: { email: `ada+${crypto.randomUUID()}@example.com` } });
  const connection = await db.organizationConnection.create({
    data: {
      userId: user.id,
      organizationId: NEBULA_ID,
      organizationSlug: `nebula-${user.id}`,
      organizationName: "Nebula Labs",
      access_token: tokens.access_token,
      refresh_token: tokens.refresh_token,
      expires_at: Math.floor(Date.now() / 1000) + 3600,
    },
  });
  // The products call waits 300 ms at Polar before Polar checks the token.
  await control(issuer, "settings", { latency_ms: 300, latency_path: "/v1/products" });

  signedIn.id = user.id;
  const read = productsLoader.read(connection.organizationSlug, { page: 1, limit: 5, query: "" });
  // Once the call is at Polar, another request finds the token expiring and refreshes the grant.
  for (let i = 0; i < 200 && !(await stats()).api["GET /v1/products/"]; i++)
    await new Promise((resolve) => setTimeout(resolve, 10));
  await db.organizationConnection.update({ where: { id: connection.id }, data: { expires_at: 0 } });
  const replacement = await freshAccessToken("OrganizationConnection", connection.id);
  expect(replacement).not.toBe(tokens.access_token);

  const result = await read;
  expect(result).toMatchObject({ ok: true });
  const { api, token } = await stats();
  expect(token.refresh_token).toBe(1);
  expect(api["GET /v1/products/"]).toBe(2);
});
