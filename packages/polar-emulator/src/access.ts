// Which organizations a subject can reach, as Polar resolves it for every
// query (authz/repository.py `select_accessible_org_ids`, authz/service.py
// `get_accessible_org_ids`): a legacy organization token its organization; a
// user the organizations they are a member of now (memberships.ts), narrowed
// to the token's down-scope when it has one; without one (an unrestricted
// OAuth token, or the web session on the consent page), less the organizations
// that enforce SSO (sso.ts), which only an SSO session reaches.
import { memberOrganizations } from "./memberships.ts";
import type { EmulatorState, Subject } from "./state.ts";

export function accessibleOrganizationIds(state: EmulatorState, subject: Subject): string[] {
  if (subject.type === "organization") return [subject.organizationId];
  const memberships = memberOrganizations(state, subject.userId).map((org) => org.id);
  if (subject.organizationIds.length === 0) return memberships.filter((id) => !state.ssoEnforced.has(id));
  return memberships.filter((id) => subject.organizationIds.includes(id));
}
