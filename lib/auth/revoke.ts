import "server-only";
import { revokeToken } from "@/lib/polar/oauth";

/**
 * Revokes a grant's tokens at Polar. Revoking the refresh token ends the grant;
 * the access token is revoked too so it stops working at once. A failure is
 * logged (never the token) and does not stop the caller from deleting them.
 */
export async function revokeGrant(grant: { id: string; access_token: string | null; refresh_token: string | null }) {
  const revocations: [string | null, "refresh_token" | "access_token"][] = [
    [grant.refresh_token, "refresh_token"],
    [grant.access_token, "access_token"],
  ];
  for (const [token, hint] of revocations) {
    if (!token) continue;
    try {
      await revokeToken(token, hint);
    } catch (error) {
      console.warn(`Polar token revocation failed (grant ${grant.id}, ${hint}): ${(error as Error).message}`);
    }
  }
}
