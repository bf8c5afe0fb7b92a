import "server-only";
import * as oauth from "oauth4webapi";
import { polarServer } from "./server";

/** oauth4webapi refuses http:// unless told; the emulator and a localhost issuer use it. */
export const httpAllowed = {
  [oauth.allowInsecureRequests]: new URL(polarServer.issuer).protocol === "http:",
};

/** How long Polar gets to serve its discovery document: a stalled Polar must not hold a sign-in. */
export const DISCOVERY_TIMEOUT_MS = 5_000;

/** Where the issuer serves its discovery document (OpenID Connect Discovery 1.0). */
export const discoveryUrl = new URL(
  ".well-known/openid-configuration",
  `${polarServer.issuer.replace(/\/$/, "")}/`,
).href;

let metadata: Promise<oauth.AuthorizationServer> | undefined;

/**
 * Polar's authorization server metadata from the issuer's discovery document,
 * fetched once per process (again after a failure), within DISCOVERY_TIMEOUT_MS.
 * oauth4webapi checks that the document names the configured issuer.
 */
export function authorizationServer() {
  metadata ??= (async () => {
    const issuer = new URL(polarServer.issuer);
    const response = await oauth.discoveryRequest(issuer, {
      algorithm: "oidc",
      ...httpAllowed,
      signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS),
    });
    return oauth.processDiscoveryResponse(issuer, response);
  })().catch((error: unknown) => {
    metadata = undefined;
    throw error;
  });
  return metadata;
}
