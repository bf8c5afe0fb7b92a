import "server-only";
import { polarEnv, type PolarServer } from "@/lib/env";

/**
 * Which Polar the app talks to. With no POLAR_CLIENT_ID the app uses the local
 * emulator (`npm run emulator`) and its seeded client, so a newcomer can sign in
 * without a Polar account.
 */
export type { PolarServer };

const EMULATOR_CLIENT_ID = "polar_ci_emulator_local_client";
const EMULATOR_CLIENT_SECRET = "polar_cs_emulator-local-secret";

const servers = {
  production: { issuer: "https://polar.sh", apiUrl: "https://api.polar.sh", dashboardUrl: "https://polar.sh/dashboard" },
  sandbox: { issuer: "https://sandbox.polar.sh", apiUrl: "https://sandbox-api.polar.sh", dashboardUrl: "https://sandbox.polar.sh/dashboard" },
} as const;

function resolve() {
  const { server, clientId, clientSecret, emulatorUrl } = polarEnv();
  if (server === "local") {
    return {
      server,
      issuer: emulatorUrl,
      apiUrl: emulatorUrl,
      dashboardUrl: `${emulatorUrl}/dashboard`,
      clientId: clientId ?? EMULATOR_CLIENT_ID,
      clientSecret: clientSecret ?? EMULATOR_CLIENT_SECRET,
    };
  }
  // polarEnv() guarantees both credentials for production and sandbox.
  return { server, ...servers[server], clientId: clientId!, clientSecret: clientSecret! };
}

export const polarServer = resolve();
