// A dashboard read whose access token a concurrent refresh rotated away: Polar
// revokes the old access token at the moment of the refresh, so the read gets
// 401 and must retry once with the token the refresh stored.
import { expect, it } from "vitest";
import { ADA_ID, NEBULA_ID } from "polar-emulator/seed";
import { control, signIn } from "polar-emulator/testing";
import { withEmulator } from "polar-emulator/vitest";

let issuer: string;
let productList: typeof import("./organization-data").productList;
let freshAccessToken: typeof import("@/lib/grants/refresh").freshAccessToken;
let db: typeof import("@/lib/db/client").db;

withEmulator(async (url) => {
  issuer = url;
  process.env.POLAR_EMULATOR_URL = url;
  ({ productList } = await import("./organization-data"));
  ({ freshAccessToken } = await import("@/lib/grants/refresh"));
  ({ db } = await import("@/lib/db/client"));
});

async function stats() {
  return (await (await control(issuer, "stats")).json()) as { api: Record<string, number>; token: Record<string, number> };
}

it("retries once with the stored token when a concurrent refresh revoked the one it read", async () => {
  const tokens = await signIn(issuer, {
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

  const read = productList(user.id, connection.organizationSlug, 1, 5, "");
  // Once the call is at Polar, another request finds the token expiring and refreshes the grant.
  while (!(await stats()).api["GET /v1/products/"]) await new Promise((resolve) => setTimeout(resolve, 10));
  await db.organizationConnection.update({ where: { id: connection.id }, data: { expires_at: 0 } });
  const replacement = await freshAccessToken("OrganizationConnection", connection.id);
  expect(replacement).not.toBe(tokens.access_token);

  const result = await read;
  expect(result.ok).toBe(true);
  const { api, token } = await stats();
  expect(token.refresh_token).toBe(1);
  expect(api["GET /v1/products/"]).toBe(2);
});
