// Which organizations a subject can reach, as Polar resolves it for every
// query (authz/repository.py `select_accessible_org_ids`, authz/service.py
// `get_accessible_org_ids`): a legacy organization token its organization; a
// user the organizations they are a member of now (memberships.ts), narrowed
// to the token's down-scope when it has one; without one (an unrestricted
// OAuth token, or the web session on the consent page), less the organizations
// that enforce SSO (sso.ts), which only an SSO session reaches.
import { memberOrganizations } from "./memberships.ts";
import { ROLE_PERMISSIONS, type Permission } from "./permissions.ts";
import type { EmulatorState, Subject } from "./state.ts";

/**
 * With a `permission`, a user reaches only the organizations where their
 * role grants it (`get_accessible_org_ids(permission=…)`): lists then leave
 * the others' rows out, and their objects are not found.
 */
export function accessibleOrganizationIds(
  state: EmulatorState,
  subject: Subject,
  permission?: Permission,
): string[] {
  if (subject.type === "organization") return [subject.organizationId];
  const memberships = memberOrganizations(state, subject.userId)
    .map((org) => org.id)
    .filter((id) => !permission || holdsPermission(state, subject, id, permission));
  if (subject.organizationIds.length === 0) return memberships.filter((id) => !state.ssoEnforced.has(id));
  return memberships.filter((id) => subject.organizationIds.includes(id));
}

/**
 * Whether the subject's role in the organization grants `permission`
 * (authz/policies/__init__.py `_require_permission`): an organization token
 * always does, it is the organization.
 */
export function holdsPermission(
  state: EmulatorState,
  subject: Subject,
  organizationId: string,
  permission: Permission,
): boolean {
  if (subject.type === "organization") return true;
  const role = state.data.roleOf(subject.userId, organizationId);
  return role !== undefined && ROLE_PERMISSIONS[role].has(permission);
}
