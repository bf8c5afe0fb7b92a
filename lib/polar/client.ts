import "server-only";
import { createPolar } from "@polar-sh/sdk/2026-10";
import { polarServer } from "./server";

/** A Polar API client acting with one OAuth access token. */
export function polarClient(accessToken: string, organizationId?: string) {
  return createPolar({ accessToken, organizationId, baseUrl: polarServer.apiUrl });
}
