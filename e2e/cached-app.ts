// A second instance of the app the e2e run built, with the Polar read cache on
// (the main instance turns it off so that most specs see Polar's answer at
// once). Sign-in and connecting happen on the main instance: its redirect URI
// is the one the emulator knows, and the session cookie, host-only on
// localhost, reaches both. Both instances share the database, as instances in
// production do.
import { e2eEnv } from "../test-support/e2e-env";
import { nextStart } from "./next-start";

const cachedPort = Number(e2eEnv.PORT) + 3;

/** The cached instance's origin. */
export const cached = `http://localhost:${cachedPort}`;

/** Runs `run` while a freshly started cached instance serves, with `env` over the cache's defaults. */
export async function withCachedApp(env: Record<string, string>, run: () => Promise<void>) {
  const app = nextStart(cachedPort, {
    AUTH_URL: cached,
    POLAR_CACHE_FRESH_SECONDS: "30",
    POLAR_CACHE_STALE_SECONDS: "300",
    ...env,
  });
  try {
    await app.ready;
    await run();
  } finally {
    app.stop();
  }
}
