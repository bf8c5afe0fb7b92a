// The one answer Polar gives when it no longer serves the API version a
// request names (lib/polar/client.ts): every call fails the same way.
import { PolarClientError } from "@polar-sh/sdk";

/**
 * Polar's answer to a Polar-Version it does not serve (kit/versioning.py): a
 * bare 404 `{"detail": "Not Found"}` on every path, before any route runs. A
 * resource Polar cannot find answers `{"error": "ResourceNotFound", …}` instead.
 */
export function isApiVersionRefused(error: unknown) {
  if (!(error instanceof PolarClientError) || error.statusCode !== 404) return false;
  let body: unknown = error.error;
  if (typeof body === "string") {
    try {
      body = JSON.parse(body);
    } catch {
      return false;
    }
  }
  return typeof body === "object" && body !== null && !("error" in body) && "detail" in body;
}
