// Which Polar the app talks to: production, sandbox, or the local emulator
// (POLAR_SERVER=local, which `npm run dev` sets along with the emulator's client
// when no Polar credentials are configured).

import "server-only";
import { polarEnv, type PolarServer } from "@/lib/env";

export type { PolarServer };

/**
 * Polar's issuer is its API origin (polarsource/polar#14070), which also serves
 * discovery, the token endpoint and the REST API. The authorize page lives on
 * the web origin (polar.sh), which the app learns from discovery.
 */
const servers = {
  production: "https://api.polar.sh",
  sandbox: "https://sandbox-api.polar.sh",
} as const;

function resolve() {
  const { server, clientId, clientSecret, issuer, emulatorUrl } = polarEnv();
  const apiUrl = server === "local" ? emulatorUrl : servers[server];
  return {
    server,
    /** Where the REST API lives. */
    apiUrl,
    /** The OpenID issuer: POLAR_ISSUER, or the server's own. */
    issuer: issuer ?? apiUrl,
    /** The variable that decided the issuer, for error messages. */
    issuerSetBy: issuer ? ("POLAR_ISSUER" as const) : ("POLAR_SERVER" as const),
    /** Polar's own issuer for this server, for error messages. */
    defaultIssuer: apiUrl,
    clientId,
    clientSecret,
  };
}

export const polarServer = resolve();
