// SSO enforcement on an organization. Turning it on revokes, access and
// refresh alike, every token down-scoped to the organization: those were
// scoped through a non-SSO session, and the app must consent again through SSO
// (organization/service.py `update`, oauth2/service/oauth2_token.py
// `revoke_for_sso_enforcement`, oauth2/repository.py
// `revoke_scoped_to_organization`: the tokens with an OAuth2TokenOrganization
// row for it). Legacy organization tokens have no such row and are left alone,
// as are unrestricted tokens: from then on the organization is simply out of
// their reach, and out of a non-SSO session's consent page (access.ts).
import { deleteGrants } from "./grants.ts";
import type { EmulatorState } from "./state.ts";

/** Turns enforcement on or off; returns how many grants (token chains) it revoked. */
export function setSsoEnforcement(state: EmulatorState, organizationId: string, enforced: boolean): number {
  if (!enforced) {
    state.ssoEnforced.delete(organizationId);
    return 0;
  }
  if (state.ssoEnforced.has(organizationId)) return 0;
  state.ssoEnforced.add(organizationId);
  const scoped = [...state.subjects]
    .filter(([, subject]) => subject.type === "user" && subject.organizationIds.includes(organizationId))
    .map(([grantId]) => grantId);
  deleteGrants(state, scoped);
  return scoped.length;
}
