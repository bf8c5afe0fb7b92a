import "server-only";
import type { Account } from "next-auth";
import { db } from "@/lib/db";
import { revokeGrant } from "./revoke";
import { USER_PROVIDER_ID } from "./polar-provider";

/**
 * Auth.js stores an account's tokens only when it first links it; on every
 * later sign-in Polar issues a new grant, so store that one.
 */
export async function storeSignInGrant(userId: string, account: Account) {
  await db.account.updateMany({
    where: { userId, provider: USER_PROVIDER_ID, providerAccountId: account.providerAccountId },
    data: {
      access_token: account.access_token ?? null,
      refresh_token: account.refresh_token ?? null,
      id_token: account.id_token ?? null,
      expires_at: account.expires_at ?? null,
      token_type: account.token_type ?? null,
      scope: account.scope ?? null,
      needsReconnect: false,
      refreshedAt: new Date(),
    },
  });
}

/** On sign-out: revoke the sign-in grant at Polar and forget its tokens. */
export async function endSignInGrant(userId: string) {
  const accounts = await db.account.findMany({
    where: { userId, provider: USER_PROVIDER_ID },
    select: { id: true, access_token: true, refresh_token: true },
  });
  await Promise.all(accounts.map((account) => revokeGrant(account)));
  await db.account.updateMany({
    where: { userId, provider: USER_PROVIDER_ID },
    data: { access_token: null, refresh_token: null, id_token: null, expires_at: null },
  });
}
