import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { Account } from "next-auth";
import { grantTokens } from "@/lib/grants/grant-tokens";
import { revokeGrant } from "@/lib/grants/revoke";

// One Auth.js request (a callback from Polar, or a sign-in started by a server
// action): the error Auth.js logged for it, and the Polar grant its token
// exchange produced until something stores it. A request that ends with a
// grant nobody stored revokes it, so a failed callback leaves no live grant.

interface AuthRequest {
  error?: Error;
  unsavedGrant?: { id: string; access_token: string | null; refresh_token: string | null };
}

const requests = new AsyncLocalStorage<AuthRequest>();

/** Runs one Auth.js request; returns its result and the error Auth.js logged, if any. */
export async function runAuthRequest<T>(handle: () => Promise<T>): Promise<{ result: T; error?: Error }> {
  const request: AuthRequest = {};
  try {
    const result = await requests.run(request, handle);
    return { result, error: request.error };
  } finally {
    if (request.unsavedGrant) await revokeGrant(request.unsavedGrant);
  }
}

/** Called from Auth.js's logger: the request's error, for a specific error page. */
export function recordAuthError(error: Error) {
  const request = requests.getStore();
  if (request) request.error = error;
}

/** The grant Polar just issued: revoked when the request ends unless `grantStored()` is called. */
export function holdNewGrant(account: Account, owner: string) {
  const request = requests.getStore();
  if (request) request.unsavedGrant = { id: `new grant of ${owner}`, ...grantTokens(account) };
}

/** The held grant is stored: the request must not revoke it. */
export function grantStored() {
  const request = requests.getStore();
  if (request) request.unsavedGrant = undefined;
}
