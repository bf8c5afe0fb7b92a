// Polar grants for the app's Vitest files: real ones from the emulator, stored
// through the app's database client (so encrypted like the app's own), and the
// emulator's view of them.
import { expect } from "vitest";
import { ADA_ID } from "polar-emulator/seed";
import {
  control as emulatorControl,
  oauthPost,
  refresh,
  authorizationCodeTokens,
  type TokenSet,
} from "polar-emulator/testing";
import type { Database } from "@/lib/db/client";

const EXPIRED = () => Math.floor(Date.now() / 1000) - 10;

export function grantFixtures(emulatorUrl: string, db: Database) {
  /** Calls one of the emulator's test controls (`/__emulator/...`). */
  async function control(path: string, body?: unknown) {
    const response = await emulatorControl(emulatorUrl, path, body);
    expect(response.ok).toBe(true);
    return response.json();
  }

  /** Refresh requests the emulator has received since its last reset. */
  async function refreshCalls(): Promise<number> {
    const stats = await control("stats");
    return stats.token?.refresh_token ?? 0;
  }

  /** The error Polar answers a refresh with (undefined: it worked, and rotated the token). */
  async function refreshError(refreshToken: string) {
    const body = await (await refresh(emulatorUrl, refreshToken)).json();
    return body.error as string | undefined;
  }

  /** Whether Polar still accepts the token (introspection, which changes nothing). */
  async function isLive(token: string) {
    const response = await oauthPost(emulatorUrl, "/v1/oauth2/introspect", { token });
    return ((await response.json()) as { active: boolean }).active;
  }

  function organizationGrant(organizationId: string) {
    return authorizationCodeTokens(emulatorUrl, {
      userId: ADA_ID,
      subType: "organization",
      organizationId,
      scope: "openid organizations:read products:read",
    });
  }

  function newUser() {
    return db.user.create({
      data: { name: "Ada Lovelace", email: `ada+${crypto.randomUUID()}@example.com` },
    });
  }

  /** A user with an expired connection to `organizationId`, holding `tokens` (by default from a fresh consent). */
  async function expiredConnection(organizationId: string, slug: string, tokens?: TokenSet) {
    tokens ??= await organizationGrant(organizationId);
    const user = await newUser();
    const connection = await db.organizationConnection.create({
      data: {
        userId: user.id,
        organizationId,
        organizationSlug: slug,
        organizationName: slug,
        access_token: tokens.access_token,
        refresh_token: tokens.refresh_token,
        expires_at: EXPIRED(),
      },
    });
    return { user, connection, tokens };
  }

  /** A user signed in with Polar whose sign-in grant's access token has expired. */
  async function expiredSignIn() {
    // Imported here: the app's modules read the Polar server when loaded, after the test has set it.
    const { USER_PROVIDER_ID } = await import("@/lib/polar/flows");
    const tokens = await authorizationCodeTokens(emulatorUrl, {
      userId: ADA_ID,
      scope: "openid email organizations:read",
    });
    const user = await newUser();
    const account = await db.account.create({
      data: {
        userId: user.id,
        type: "oidc",
        provider: USER_PROVIDER_ID,
        providerAccountId: ADA_ID,
        access_token: tokens.access_token,
        refresh_token: tokens.refresh_token,
        expires_at: EXPIRED(),
      },
    });
    return { user, account, tokens };
  }

  return { control, refreshCalls, refreshError, isLive, organizationGrant, expiredConnection, expiredSignIn };
}
