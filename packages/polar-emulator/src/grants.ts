// An oidc-provider Grant per authorization, with the subject its tokens act
// for. Polar keeps each token pair as its own row (OAuth2Token) next to the
// user's consent (OAuth2Grant); a Grant per authorization keeps the emulator's
// token pairs as independent as Polar's rows.
import type Provider from "oidc-provider";
import { findClient } from "./directory.ts";
import type { EmulatorState, Subject } from "./state.ts";

export async function saveGrant(
  provider: Provider,
  state: EmulatorState,
  options: { accountId: string; clientId: string; scopes: string[]; subject: Subject },
): Promise<string> {
  const grant = new provider.Grant({ accountId: options.accountId, clientId: options.clientId });
  // Tokens get only the requested scopes the client registered; the others are
  // dropped without an error (authlib's `get_allowed_scope` in
  // BearerTokenGenerator). Rejecting them in the grant keeps oidc-provider from
  // asking for consent again.
  const registered = new Set((findClient(state, options.clientId)?.scope ?? "").split(" "));
  const dropped = options.scopes.filter((scope) => !registered.has(scope));
  grant.addOIDCScope(options.scopes.filter((scope) => registered.has(scope)).join(" "));
  if (dropped.length > 0) grant.rejectOIDCScope(dropped.join(" "));
  const grantId = await grant.save();
  state.subjects.set(grantId, options.subject);
  return grantId;
}

/** Forgets grants with every token issued under them: none of their tokens is found any more. */
export function deleteGrants(state: EmulatorState, grantIds: Iterable<string>): void {
  const doomed = new Set(grantIds);
  for (const records of state.models.values()) {
    for (const [id, record] of records) {
      const grantId = record.payload["grantId"];
      if (doomed.has(id) || (typeof grantId === "string" && doomed.has(grantId))) records.delete(id);
    }
  }
  for (const grantId of doomed) state.subjects.delete(grantId);
}
