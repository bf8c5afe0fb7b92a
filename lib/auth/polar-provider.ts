import { customFetch } from "@auth/core";
import type { OIDCConfig } from "next-auth/providers";
import { polarOAuthFetch } from "@/lib/polar/oauth";
import { ORGANIZATION_PROVIDER_ID, USER_PROVIDER_ID, type PolarSubjectType } from "@/lib/polar/flows";
import { CONNECT_SCOPES, SIGN_IN_SCOPES } from "@/lib/polar/scopes";
import { polarServer } from "@/lib/polar/server";

/**
 * Claims of Polar's ID token: `sub` is the user's id in both flows, plus `email`
 * and `email_verified` with the email scope. Polar sends no `name` for users
 * (polar/oauth2/userinfo.py).
 */
export interface PolarIdTokenClaims {
  sub: string;
  email?: string | null;
  email_verified?: boolean;
}

/**
 * "Sign in with Polar" as an OIDC provider. The same Polar OAuth client serves two
 * flows: sub_type=user signs the person in; sub_type=organization makes them pick
 * one organization and returns a user token down-scoped to it. That flow always
 * sends prompt=consent: Polar skips a consent page it remembers, and without the
 * page nobody picks an organization (invalid_request).
 */
export function polarProvider(subType: PolarSubjectType): OIDCConfig<PolarIdTokenClaims> {
  const isUser = subType === "user";
  return {
    id: isUser ? USER_PROVIDER_ID : ORGANIZATION_PROVIDER_ID,
    name: isUser ? "Polar" : "Polar organization",
    type: "oidc",
    issuer: polarServer.issuer,
    clientId: polarServer.clientId,
    clientSecret: polarServer.clientSecret,
    checks: ["pkce", "state", "nonce"],
    // Auth.js defaults to client_secret_basic; Polar documents client_secret_post.
    client: { token_endpoint_auth_method: "client_secret_post" },
    authorization: {
      params: isUser
        ? { scope: SIGN_IN_SCOPES.join(" "), sub_type: subType }
        : { scope: CONNECT_SCOPES.join(" "), sub_type: subType, prompt: "consent" },
    },
    [customFetch]: polarOAuthFetch,
    profile(claims) {
      return { id: claims.sub, name: null, email: claims.email ?? null, image: null };
    },
  };
}
