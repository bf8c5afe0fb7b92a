import "server-only";
import type { Account } from "next-auth";
import { db } from "@/lib/db";
import { grantTokens } from "./grant-tokens";
import { revokeGrant } from "./revoke";
import { USER_PROVIDER_ID } from "./polar-provider";

const grantFields = { id: true, access_token: true, refresh_token: true } as const;

/**
 * Auth.js stores an account's tokens only when it first links it; on every
 * later sign-in Polar issues a new grant, so store that one and revoke the
 * grant it replaces.
 */
export async function storeSignInGrant(userId: string, account: Account) {
  const where = { userId, provider: USER_PROVIDER_ID, providerAccountId: account.providerAccountId };
  const replaced = await db.account.findMany({ where, select: grantFields });
  await db.account.updateMany({
    where,
    data: { ...grantTokens(account), needsReconnect: false, refreshedAt: new Date() },
  });
  await Promise.all(replaced.map((grant) => revokeGrant(grant)));
}

/** On sign-out: revoke the sign-in grant at Polar and forget its tokens. */
export async function endSignInGrant(userId: string) {
  const accounts = await db.account.findMany({ where: { userId, provider: USER_PROVIDER_ID }, select: grantFields });
  await Promise.all(accounts.map((account) => revokeGrant(account)));
  await db.account.updateMany({
    where: { userId, provider: USER_PROVIDER_ID },
    data: { access_token: null, refresh_token: null, id_token: null, expires_at: null },
  });
}
