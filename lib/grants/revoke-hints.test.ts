// The app's revocations reach Polar with the token_type_hint that matches the
// token they send: Polar looks a token up only among tokens of the hinted type,
// so a mismatched hint revokes nothing, and still answers 200
// (authorization_server.py `_QueryTokenMixin`).
import { expect, it } from "vitest";
import { NEBULA_ID } from "polar-emulator/seed";
import { setUpEmulator, type PolarSetUp } from "@/test-support/integration";

type Fixtures = PolarSetUp["grants"];

let revokeGrant: typeof import("./revoke").revokeGrant;
let organizationGrant: Fixtures["organizationGrant"];
let isLive: Fixtures["isLive"];
let refreshError: Fixtures["refreshError"];

const db = setUpEmulator(async ({ grants }) => {
  ({ revokeGrant } = await import("./revoke"));
  ({ organizationGrant, isLive, refreshError } = grants);
});

it("revokes a grant by its refresh token, which ends its access token too", async () => {
  const tokens = await organizationGrant(NEBULA_ID);
  await revokeGrant({ id: "grant", ...tokens });
  expect(await isLive(tokens.access_token)).toBe(false);
  expect(await refreshError(tokens.refresh_token)).toBe("invalid_grant");
  expect(await db.revocationOutbox.count()).toBe(0);
});

it("revokes a grant that holds only its access token by that token", async () => {
  const tokens = await organizationGrant(NEBULA_ID);
  await revokeGrant({ id: "grant", access_token: tokens.access_token, refresh_token: null });
  expect(await isLive(tokens.access_token)).toBe(false);
  expect(await db.revocationOutbox.count()).toBe(0);
});
