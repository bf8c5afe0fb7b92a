// Who belongs to which organization now: the seeded memberships, less those a
// test removed. Polar removes a member with a soft delete (user_organization/
// service.py `remove_member` sets `deleted_at`) and revokes no token: the
// member's tokens keep working, but every membership query skips deleted rows,
// so the organization drops out of what they can reach (access.ts). The dataset
// stays immutable; the removals are an overlay in the state, undone by reset.
import type { SeedOrganization } from "./data/seed.ts";
import type { EmulatorState } from "./state.ts";

const membershipKey = (userId: string, organizationId: string) => `${userId} ${organizationId}`;

/** The organizations `userId` belongs to now. */
export function memberOrganizations(state: EmulatorState, userId: string): SeedOrganization[] {
  return state.data
    .organizationsOf(userId)
    .filter((org) => !state.removedMemberships.has(membershipKey(userId, org.id)));
}

/** The members of `organizationId` now, in seed order. */
export function currentMembers(state: EmulatorState, organizationId: string): string[] {
  const organization = state.data.findOrganization(organizationId);
  return (organization?.members ?? [])
    .map((member) => member.userId)
    .filter((userId) => !state.removedMemberships.has(membershipKey(userId, organizationId)));
}

export class MembershipError extends Error {}

/** Removes (soft-deletes) or restores one of the seeded memberships. */
export function setMembership(
  state: EmulatorState,
  userId: string,
  organizationId: string,
  member: boolean,
): void {
  const organization = state.data.findOrganization(organizationId);
  if (!organization) throw new MembershipError(`no organization ${organizationId}`);
  if (!organization.members.some((member) => member.userId === userId))
    throw new MembershipError(`${userId} has no membership of ${organization.slug} in the seed`);
  if (member) state.removedMemberships.delete(membershipKey(userId, organizationId));
  else state.removedMemberships.add(membershipKey(userId, organizationId));
}
