import "server-only";
import { revokeToken } from "@/lib/polar/oauth";

/**
 * Ends a grant at Polar. Polar keeps an access token and its refresh token in
 * one row and revoking either revokes both, so one call suffices: the refresh
 * token, or the access token when there is none. A failure is logged (never
 * the token) and does not stop the caller from forgetting them.
 */
export async function revokeGrant(grant: { id: string; access_token: string | null; refresh_token: string | null }) {
  const [token, hint] = grant.refresh_token
    ? ([grant.refresh_token, "refresh_token"] as const)
    : ([grant.access_token, "access_token"] as const);
  if (!token) return;
  try {
    await revokeToken(token, hint);
  } catch (error) {
    console.warn(`Polar token revocation failed (grant ${grant.id}, ${hint}): ${(error as Error).message}`);
  }
}
