// Remembered consent, as Polar's authorization endpoint decides it
// (server/polar/oauth2/grants/authorization_code.py `_validate_scope_consent`,
// service/oauth2_grant.py `has_granted_scope`): Polar keeps the scopes each
// user last granted each client; a request whose scopes they cover and that
// has no `prompt` (or `prompt=none`) is approved without the consent page.
// Then no organization gets picked, so a sub_type=organization request fails
// with a 400 on Polar's own page, not a redirect to the client (the
// InvalidRequestError carries no redirect_uri).
// oidc-provider's own prompt policy does the rest: the consent page shows when
// the loaded grant lacks a requested scope, `prompt=none` answers
// consent_required or login_required.
import Provider, { errors, type KoaContextWithOIDC } from "oidc-provider";
import { saveGrant } from "./grants.ts";
import { parseScope } from "./scopes.ts";
import type { EmulatorState } from "./state.ts";

export const ORGANIZATION_REQUIRED = "sub_type=organization requires selecting an organization";

/** invalid_request answered on the emulator's error page, never redirected to the client. */
function pageError(description: string) {
  return Object.assign(new errors.InvalidRequest(description), { allow_redirect: false });
}

const consentKey = (userId: string, clientId: string) => `${userId} ${clientId}`;

/** Polar replaces the remembered scopes with those of the latest consent (`create_or_update_grant`). */
export function rememberConsent(
  state: EmulatorState,
  userId: string,
  clientId: string,
  scopes: string[],
): void {
  state.consents.set(consentKey(userId, clientId), new Set(scopes));
}

function hasGrantedScope(state: EmulatorState, userId: string, clientId: string, scopes: string[]): boolean {
  const granted = state.consents.get(consentKey(userId, clientId));
  return granted !== undefined && scopes.every((scope) => granted.has(scope));
}

/** oidc-provider's `loadExistingGrant`: the consent just given, or a new grant from remembered consent. */
export function createLoadExistingGrant(state: EmulatorState) {
  return async function loadExistingGrant(ctx: KoaContextWithOIDC) {
    const { oidc } = ctx;
    const provider = oidc.provider as Provider;
    const consentedGrantId = oidc.result?.consent?.grantId;
    if (consentedGrantId) return provider.Grant.find(consentedGrantId);

    const userId = oidc.session.accountId;
    const clientId = oidc.client.clientId;
    const scopes = parseScope(oidc.params["scope"] as string | undefined);
    const prompt = oidc.params["prompt"];
    if (
      !userId ||
      (prompt !== undefined && prompt !== "none") ||
      !hasGrantedScope(state, userId, clientId, scopes)
    ) {
      return undefined;
    }
    if (oidc.params["sub_type"] === "organization") throw pageError(ORGANIZATION_REQUIRED);

    const grantId = await saveGrant(provider, state, {
      accountId: userId,
      clientId,
      scopes,
      subject: { type: "user", userId, organizationIds: [] },
    });
    state.stats.authorizations += 1;
    return provider.Grant.find(grantId);
  };
}
