import type { Account, BaseToken } from "oidc-provider";
import { userInfo } from "./claims.ts";
import { parseScope } from "./scopes.ts";
import type { EmulatorState, Subject } from "./state.ts";

// oidc-provider's findAccount. With a token, the claims are those of the
// subject its grant acts for (which a refresh may have changed, see
// token-endpoint.ts); without one, the signed-in user's. The accountId stays
// the one asked for: oidc-provider checks it against the grant's.
export function findAccount(state: EmulatorState, id: string, token?: BaseToken): Account | undefined {
  const subject: Subject = (token?.grantId && state.subjects.get(token.grantId)) || {
    type: "user",
    userId: id,
    organizationIds: [],
  };
  if (!userInfo(state.data, subject, new Set())) return undefined;
  return {
    accountId: id,
    claims: (_use: string, scope: string) => userInfo(state.data, subject, new Set(parseScope(scope))) ?? {},
  };
}
