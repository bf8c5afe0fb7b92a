import "server-only";
import * as oauth from "oauth4webapi";
import { polarServer } from "./server";

/** oauth4webapi refuses http:// unless told; the emulator and a localhost issuer use it. */
export const httpAllowed = {
  [oauth.allowInsecureRequests]: new URL(polarServer.issuer).protocol === "http:",
};

let metadata: Promise<oauth.AuthorizationServer> | undefined;

/**
 * Polar's authorization server metadata from the issuer's discovery document,
 * fetched once per process (again after a failure). oauth4webapi checks that
 * the document names the configured issuer.
 */
export function authorizationServer() {
  metadata ??= (async () => {
    const issuer = new URL(polarServer.issuer);
    const response = await oauth.discoveryRequest(issuer, { algorithm: "oidc", ...httpAllowed });
    return oauth.processDiscoveryResponse(issuer, response);
  })().catch((error: unknown) => {
    metadata = undefined;
    throw error;
  });
  return metadata;
}

/** Polar's web origin (polar.sh): where its authorize page and dashboard live. */
export async function polarWebOrigin() {
  const { authorization_endpoint } = await authorizationServer();
  if (!authorization_endpoint) throw new Error("Polar's discovery document names no authorization_endpoint.");
  return new URL(authorization_endpoint).origin;
}
