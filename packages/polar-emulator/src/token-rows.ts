// Polar stores an access token and the refresh token issued with it as one
// row (OAuth2Token). The row is revoked as a whole: revoking either token, or
// refreshing (which revokes the old row), makes both unusable at once
// (models/oauth2_token.py `is_revoked` counts either revocation time;
// grants/refresh_token.py `revoke_old_credential`).
import type { EmulatorState } from "./state.ts";

export function pairTokens(state: EmulatorState, accessToken: string, refreshToken: string): void {
  state.pairs.set(accessToken, refreshToken);
  state.pairs.set(refreshToken, accessToken);
}

/** The other token of `token`'s row. */
export function partnerOf(state: EmulatorState, token: string): string | undefined {
  return state.pairs.get(token);
}

/** Revokes `token`'s row: neither of its tokens is found any more. */
export function revokeRow(state: EmulatorState, token: string): void {
  const partner = state.pairs.get(token);
  for (const value of [token, partner]) {
    if (value === undefined) continue;
    state.models.get("AccessToken")?.delete(value);
    state.models.get("RefreshToken")?.delete(value);
    state.pairs.delete(value);
  }
}
