import type { Account, BaseToken } from "oidc-provider";
import { findOrganization, findUser } from "./directory.ts";
import type { EmulatorState, Subject } from "./state.ts";

function subjectClaims(subject: Subject): Record<string, unknown> | undefined {
  if (subject.type === "organization") {
    const org = findOrganization(subject.organizationId);
    return org && { sub: org.id, name: org.name };
  }
  const user = findUser(subject.userId);
  return user && { sub: user.id, name: user.name, email: user.email, email_verified: user.email_verified };
}

// oidc-provider's findAccount. With a token, the claims are those of the
// subject its grant acts for (which a refresh may have changed, see
// token-endpoint.ts); without one, the signed-in user's. The accountId stays
// the one asked for: oidc-provider checks it against the grant's.
export function findAccount(state: EmulatorState, id: string, token?: BaseToken): Account | undefined {
  const subject: Subject | undefined = (token?.grantId && state.subjects.get(token.grantId)) || undefined;
  const claims = subjectClaims(subject ?? { type: "user", userId: id, organizationIds: [] });
  return claims && { accountId: id, claims: () => claims };
}
