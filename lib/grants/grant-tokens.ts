import "server-only";
import type { Account } from "next-auth";

/** A Polar grant's tokens as the Account and OrganizationConnection rows store them. */
export interface GrantTokens {
  access_token: string | null;
  refresh_token: string | null;
  id_token: string | null;
  expires_at: number | null;
  token_type: string | null;
  scope: string | null;
}

/** The tokens of a token response as Auth.js hands it over (`account` in its callbacks). */
export function grantTokens(account: Account): GrantTokens {
  return {
    access_token: account.access_token ?? null,
    refresh_token: account.refresh_token ?? null,
    id_token: account.id_token ?? null,
    expires_at: account.expires_at ?? null,
    token_type: account.token_type ?? null,
    scope: account.scope ?? null,
  };
}

/** "organization" for a legacy organization token (polar_at_o_), else "user". */
export function subjectTypeOf(accessToken: string) {
  return accessToken.startsWith("polar_at_o_") ? "organization" : "user";
}
