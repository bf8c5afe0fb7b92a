import "server-only";
import { cache } from "react";
import { currentUser } from "@/lib/auth/current-user";
import { callWithGrant } from "@/lib/grants/grant-call";
import { signInGrantOf } from "@/lib/grants/sign-in-grant";
import { cachedRead, type Read } from "@/lib/polar-cache/read-cache";
import { userTenant } from "@/lib/polar-cache/tenants";
import { READ_SCOPES } from "@/lib/polar/scopes";

/** An organization the signed-in person belongs to at Polar. */
export interface UserOrganization {
  id: string;
  name: string;
  slug: string;
  avatarUrl: string | null;
}

/** The signed-in person's sign-in grant (without its tokens), once per request. */
const signInGrant = cache(async () => {
  const user = await currentUser();
  const account = await signInGrantOf(user.id);
  return account && { user, account };
});

/**
 * Whether the person chose specific organizations on Polar's consent page when
 * they signed in: their sign-in grant, and so the list below, sees only those.
 */
export const signedInWithChosenOrganizations = cache(
  async () => (await signInGrant())?.account.organizationsRestricted ?? false,
);

/**
 * The organizations the signed-in person belongs to at Polar (or those they
 * chose at sign-in), read with their sign-in (user) grant and cached for them
 * alone. "reconnect": that grant is gone, sign in again.
 */
export const readUserOrganizations = cache(async (): Promise<Read<UserOrganization[]>> => {
  const signedIn = await signInGrant();
  if (!signedIn) return { ok: false, problem: { kind: "reconnect" } };
  const { user, account } = signedIn;
  const tenant = userTenant(user.id);
  return cachedRead({
    tenant,
    key: `${tenant}:organizations`,
    scope: READ_SCOPES.organization,
    load: async (priority) => {
      const grant = { table: "Account", id: account.id, userId: user.id } as const;
      const { items } = await callWithGrant(grant, priority, (polar) =>
        polar.organizations.list({ limit: 100 }),
      );
      return items.map((o) => ({ id: o.id, name: o.name, slug: o.slug, avatarUrl: o.avatar_url ?? null }));
    },
  });
});
