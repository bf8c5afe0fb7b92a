import "server-only";
import { cache } from "react";
import { USER_PROVIDER_ID } from "@/lib/polar/flows";
import { accessTokenReplacing, freshAccessToken } from "@/lib/grants/refresh";
import { db } from "@/lib/db/client";
import { polarClient } from "./client";
import { describePolarError, isUnauthorized, type Loaded } from "./errors";

type OrganizationList = Awaited<ReturnType<ReturnType<typeof polarClient>["organizations"]["list"]>>;

/**
 * The organizations the signed-in person belongs to at Polar, read with their
 * sign-in (user) token. "reconnect" means that token is gone: sign in again.
 */
export const userOrganizations = cache(async (userId: string): Promise<Loaded<OrganizationList>> => {
  try {
    const account = await db.account.findFirst({
      where: { userId, provider: USER_PROVIDER_ID },
      select: { id: true },
    });
    const accessToken = account && (await freshAccessToken("Account", account.id));
    if (!accessToken) return { ok: false, problem: { kind: "reconnect" } };
    const list = (token: string) => polarClient(token).organizations.list({ limit: 100 });
    try {
      return { ok: true, data: await list(accessToken) };
    } catch (error) {
      // Once, with the token a concurrent refresh stored (Polar revoked this one with it).
      const replacement = isUnauthorized(error) && (await accessTokenReplacing("Account", account.id, accessToken));
      if (!replacement) throw error;
      return { ok: true, data: await list(replacement) };
    }
  } catch (error) {
    return { ok: false, problem: describePolarError(error, "organizations:read") };
  }
});
