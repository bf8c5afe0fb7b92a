import "server-only";
import type { Account } from "next-auth";
import { db } from "@/lib/db/client";
import { grantTokens } from "./grant-tokens";
import { endGrant, replaceGrant } from "./revoke";
import { USER_PROVIDER_ID } from "@/lib/polar/flows";
import { introspectAccessToken } from "@/lib/polar/oauth";

/**
 * Auth.js stores an account's tokens only when it first links it; on every
 * later sign-in Polar issues a new grant, so store that one and revoke the
 * grant it replaces (under the grant's lease: see lib/grants/revoke.ts).
 */
export async function storeSignInGrant(userId: string, account: Account) {
  const accounts = await db.account.findMany({
    where: { userId, provider: USER_PROVIDER_ID, providerAccountId: account.providerAccountId },
    select: { id: true },
  });
  const data = {
    ...grantTokens(account),
    needsReconnect: false,
    reconnectReason: null,
    refreshedAt: new Date(),
  };
  await Promise.all(accounts.map(({ id }) => replaceGrant("Account", id, data)));
}

/** Whether the user signs in with the Polar account `providerAccountId` (a Polar user id). */
export async function signsInWith(userId: string, providerAccountId: string) {
  const linked = await db.account.count({ where: { userId, provider: USER_PROVIDER_ID, providerAccountId } });
  return linked > 0;
}

/**
 * The person's sign-in grant (never its tokens): its row, and whether they
 * chose specific organizations at Polar when they signed in.
 */
export function signInGrantOf(userId: string) {
  return db.account.findFirst({
    where: { userId, provider: USER_PROVIDER_ID },
    select: { id: true, organizationsRestricted: true },
  });
}

/**
 * Records whether the person chose specific organizations on Polar's consent
 * page at sign-in (the grant then sees only those), from Polar's introspection.
 * A failure leaves the record as it was: it only changes a hint on the page.
 */
export async function recordSharedOrganizations(account: Account) {
  if (!account.access_token) return;
  try {
    const { organizations } = await introspectAccessToken(account.access_token);
    await db.account.updateMany({
      where: { provider: account.provider, providerAccountId: account.providerAccountId },
      data: { organizationsRestricted: organizations.length > 0 },
    });
  } catch (error) {
    console.warn(`Polar's introspection of a new sign-in grant failed: ${(error as Error).message}`);
  }
}

/** On sign-out: revoke the sign-in grant at Polar and forget its tokens. */
export async function endSignInGrant(userId: string) {
  const accounts = await db.account.findMany({
    where: { userId, provider: USER_PROVIDER_ID },
    select: { id: true },
  });
  const cleared = { access_token: null, refresh_token: null, id_token: null, expires_at: null };
  await Promise.all(accounts.map(({ id }) => endGrant("Account", id, cleared)));
}
