// Which Polar the app talks to: production, sandbox, or the local emulator
// (POLAR_SERVER=local, which `npm run dev` sets along with the emulator's client
// when no Polar credentials are configured).
import "server-only";
import { polarEnv, type PolarServer } from "@/lib/env";

export type { PolarServer };

/**
 * Polar's two origins per server. The API origin is the issuer
 * (polarsource/polar#14070) and also serves discovery, the token endpoint and
 * the REST API; the web origin serves the authorize page and the dashboard.
 */
const servers = {
  production: { api: "https://api.polar.sh", web: "https://polar.sh" },
  sandbox: { api: "https://sandbox-api.polar.sh", web: "https://sandbox.polar.sh" },
} as const;

/** The emulator's web origin when POLAR_WEB_ORIGIN does not say (`npm run emulator`'s default port). */
const EMULATOR_WEB_ORIGIN = "http://127.0.0.1:4111";

function resolve() {
  const { server, clientId, clientSecret, issuer, emulatorUrl, webOrigin } = polarEnv();
  const apiUrl = server === "local" ? emulatorUrl : servers[server].api;
  return {
    server,
    /** Where the REST API lives. */
    apiUrl,
    /**
     * Where the authorize page and Polar's dashboard live, from configuration,
     * so that nothing that renders a page waits on Polar's discovery document.
     */
    webOrigin: webOrigin ?? (server === "local" ? EMULATOR_WEB_ORIGIN : servers[server].web),
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
