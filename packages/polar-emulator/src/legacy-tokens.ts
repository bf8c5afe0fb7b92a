// Organization tokens as Polar issued them before mid-2026 (`sub` = the
// organization, prefixes polar_at_o_ / polar_rt_o_). Polar no longer issues
// them from the authorization flow, but connections made before still hold
// them, so a test control mints one as the code exchange would have.
import type Provider from "oidc-provider";
import { findClient } from "./directory.ts";
import { currentMembers } from "./memberships.ts";
import { saveGrant } from "./grants.ts";
import { parseScope, SCOPES } from "./scopes.ts";
import type { EmulatorState } from "./state.ts";
import { pairTokens } from "./token-rows.ts";

export class LegacyTokenError extends Error {}

export interface LegacyTokenRequest {
  organizationId: string;
  /** The member who connected the organization; defaults to its first member. */
  userId?: string;
  /** Defaults to every scope the client registered. */
  scope?: string;
  clientId: string;
}

export async function issueLegacyOrganizationToken(
  provider: Provider,
  state: EmulatorState,
  request: LegacyTokenRequest,
) {
  const organization = state.data.findOrganization(request.organizationId);
  if (!organization) throw new LegacyTokenError(`no organization ${request.organizationId}`);
  const members = currentMembers(state, organization.id);
  const userId = request.userId ?? members[0];
  if (!userId || !members.includes(userId)) {
    throw new LegacyTokenError(`user ${request.userId} is not a member of ${organization.slug}`);
  }
  const seedClient = findClient(state, request.clientId);
  const client = await provider.Client.find(request.clientId);
  if (!seedClient || !client) throw new LegacyTokenError(`no client ${request.clientId}`);
  const scopes = parseScope(request.scope ?? seedClient.scope);
  const unknown = scopes.filter((scope) => !SCOPES.includes(scope));
  if (unknown.length > 0) throw new LegacyTokenError(`unknown scope ${unknown.join(" ")}`);
  const scope = scopes.join(" ");

  const grantId = await saveGrant(provider, state, {
    accountId: organization.id,
    clientId: client.clientId,
    scopes,
    subject: { type: "organization", organizationId: organization.id, userId },
  });
  const source = { accountId: organization.id, client, grantId, scope, gty: "authorization_code" };
  const accessToken = new provider.AccessToken(source);
  const access = await accessToken.save();
  const refresh = await new provider.RefreshToken(source).save();
  pairTokens(state, access, refresh);
  return {
    token_type: "Bearer",
    access_token: access,
    expires_in: accessToken.expiration,
    refresh_token: refresh,
    scope,
  };
}
