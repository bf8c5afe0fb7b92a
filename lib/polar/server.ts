import "server-only";
import { polarEnv, type PolarServer } from "@/lib/env";

/**
 * Which Polar the app talks to: production, sandbox, or the local emulator
 * (POLAR_SERVER=local, which `npm run dev` sets along with the emulator's client
 * when no Polar credentials are configured).
 */
export type { PolarServer };

const servers = {
  production: { issuer: "https://polar.sh", apiUrl: "https://api.polar.sh", dashboardUrl: "https://polar.sh/dashboard" },
  sandbox: { issuer: "https://sandbox.polar.sh", apiUrl: "https://sandbox-api.polar.sh", dashboardUrl: "https://sandbox.polar.sh/dashboard" },
} as const;

function resolve() {
  const { server, clientId, clientSecret, emulatorUrl } = polarEnv();
  const urls =
    server === "local"
      ? { issuer: emulatorUrl, apiUrl: emulatorUrl, dashboardUrl: `${emulatorUrl}/dashboard` }
      : servers[server];
  return { server, ...urls, clientId, clientSecret };
}

export const polarServer = resolve();
