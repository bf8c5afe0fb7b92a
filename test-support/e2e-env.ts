// The environment the e2e app and emulator run with. The app's origin is
// `localhost` (Next rewrites 127.0.0.1 to localhost in request URLs), the
// emulator's are 127.0.0.1, as on a developer's machine. The emulator has
// Polar's two origins: the web one (polar.sh, the authorization page) on
// E2E_EMULATOR_PORT and the API one (api.polar.sh, the issuer) on the next port.
import { LOCAL_CLIENT } from "polar-emulator/client";

const appPort = Number(process.env.E2E_APP_PORT ?? 3210);
const emulatorPort = Number(process.env.E2E_EMULATOR_PORT ?? 4210);
const emulatorApiPort = emulatorPort + 1;

export const e2eEnv = {
  PORT: String(appPort),
  AUTH_URL: `http://localhost:${appPort}`,
  AUTH_SECRET: "e2e-only-secret-not-for-production-use-0123456789",
  TOKEN_ENCRYPTION_KEY: Buffer.from("e2e-only-key-not-for-production!").toString("base64"),
  AUTH_TRUST_HOST: "true",
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/polar_starter_test",
  POLAR_SERVER: "local",
  // `next start` is a production server: it talks to the emulator only when told to.
  POLAR_ALLOW_EMULATOR_IN_PRODUCTION: "true",
  POLAR_CLIENT_ID: LOCAL_CLIENT.id,
  POLAR_CLIENT_SECRET: LOCAL_CLIENT.secret,
  POLAR_EMULATOR_URL: `http://127.0.0.1:${emulatorApiPort}`,
  POLAR_WEB_ORIGIN: `http://127.0.0.1:${emulatorPort}`,
  EMULATOR_PORT: String(emulatorPort),
  EMULATOR_API_PORT: String(emulatorApiPort),
  EMULATOR_APP_URL: `http://localhost:${appPort}`,
  CRON_SECRET: "e2e-only-cron-secret-0123456789",
  // Polar answers at once unless a spec slows it down (the emulator's default
  // makes metrics take 5 s, as Polar's can).
  EMULATOR_LATENCY: "none",
  // Most specs change what Polar answers and reload: they see Polar's answer at
  // once. e2e/polar-cache.spec.ts starts an app with the cache on.
  POLAR_CACHE_FRESH_SECONDS: "0",
  POLAR_CACHE_STALE_SECONDS: "0",
} satisfies Record<string, string>;

/** Where the e2e run keeps the app's and the emulator's logs. */
export const artifacts = "e2e/.artifacts";
