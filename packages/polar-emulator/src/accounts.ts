import type { Account, BaseToken } from "oidc-provider";
import { findOrganization, findUser } from "./directory.ts";
import type { EmulatorState } from "./state.ts";

// oidc-provider takes `sub` from the account it is given. For tokens of a grant
// made with sub_type=organization the account is the chosen organization, so
// its ID token says sub = organization id and name = organization name, which
// is all Polar's userinfo returns for organizations (polar/oauth2/userinfo.py).
export function findAccount(state: EmulatorState, id: string, token?: BaseToken): Account | undefined {
  const subject = token?.grantId ? state.subjects.get(token.grantId) : undefined;
  if (subject?.type === "organization") {
    const org = findOrganization(subject.organizationId);
    if (!org) return undefined;
    return { accountId: org.id, claims: () => ({ sub: org.id, name: org.name }) };
  }
  const user = findUser(id);
  if (!user) return undefined;
  return {
    accountId: user.id,
    claims: () => ({ sub: user.id, name: user.name, email: user.email, email_verified: user.email_verified }),
  };
}
