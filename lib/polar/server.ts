import "server-only";

/**
 * Which Polar the app talks to. With no POLAR_CLIENT_ID the app uses the local
 * emulator (`npm run emulator`) and its seeded client, so a newcomer can sign in
 * without a Polar account.
 */
export type PolarServer = "production" | "sandbox" | "local";

export const EMULATOR_CLIENT_ID = "polar_ci_emulator_local_client";
export const EMULATOR_CLIENT_SECRET = "polar_cs_emulator-local-secret";

const servers = {
  production: { issuer: "https://polar.sh", apiUrl: "https://api.polar.sh", dashboardUrl: "https://polar.sh/dashboard" },
  sandbox: { issuer: "https://sandbox.polar.sh", apiUrl: "https://sandbox-api.polar.sh", dashboardUrl: "https://sandbox.polar.sh/dashboard" },
} as const;

function resolve() {
  const clientId = process.env.POLAR_CLIENT_ID;
  const server = (process.env.POLAR_SERVER ?? (clientId ? "production" : "local")) as PolarServer;
  if (server === "local") {
    const url = (process.env.POLAR_EMULATOR_URL ?? "http://127.0.0.1:4111").replace(/\/$/, "");
    return {
      server,
      issuer: url,
      apiUrl: url,
      dashboardUrl: `${url}/dashboard`,
      clientId: clientId ?? EMULATOR_CLIENT_ID,
      clientSecret: process.env.POLAR_CLIENT_SECRET ?? EMULATOR_CLIENT_SECRET,
    };
  }
  return {
    server,
    ...servers[server],
    clientId: clientId ?? "",
    clientSecret: process.env.POLAR_CLIENT_SECRET ?? "",
  };
}

export const polarServer = resolve();
