// The built app (`next start` on the output the e2e run just built) refuses to
// start when its configuration is incomplete, and says which variable to fix.
import { expect, test } from "@playwright/test";
import { e2eEnv } from "../test-support/e2e-env";
import { nextStart } from "./next-start";

const startupPort = Number(e2eEnv.PORT) + 1;

/** Runs `next start` until it exits (or 30 s pass) and returns its exit code and output. */
async function startUntilExit(env: Record<string, string | undefined>) {
  const app = nextStart(startupPort, env);
  const timer = setTimeout(app.stop, 30_000);
  const result = await app.exited;
  clearTimeout(timer);
  return result;
}

test("next start exits with one message per missing or malformed variable", async () => {
  const { code, output } = await startUntilExit({
    DATABASE_URL: undefined,
    POLAR_SERVER: "sandbox",
    POLAR_CLIENT_ID: undefined,
    POLAR_CLIENT_SECRET: undefined,
    AUTH_URL: "http://app.example.com",
    NODE_ENV: "production",
  });
  expect(code).toBe(1);
  expect(output).toContain(
    "Invalid configuration: 4 environment variables need attention (see .env.example).",
  );
  expect(output).toMatch(/- AUTH_URL must use https in production/);
  expect(output).toMatch(/- DATABASE_URL is not set\. Use your PostgreSQL connection string/);
  expect(output).toMatch(/- POLAR_CLIENT_ID is not set\. POLAR_SERVER=sandbox needs your own OAuth client/);
  expect(output).toMatch(/- POLAR_CLIENT_SECRET is not set\./);
  expect(output).not.toContain(e2eEnv.AUTH_SECRET);
});

test("next start names a malformed encryption key without printing it", async () => {
  const key = Buffer.from("sixteen-byte-key").toString("base64");
  const { code, output } = await startUntilExit({ TOKEN_ENCRYPTION_KEY: key });
  expect(code).toBe(1);
  expect(output).toMatch(/- TOKEN_ENCRYPTION_KEY must be 32 random bytes, base64-encoded/);
  expect(output).not.toContain(key);
});

test("a production start never falls back to the emulator, and off Vercel needs AUTH_URL", async () => {
  const { code, output } = await startUntilExit({
    NODE_ENV: "production",
    POLAR_SERVER: undefined,
    POLAR_CLIENT_ID: undefined,
    POLAR_CLIENT_SECRET: undefined,
    AUTH_URL: undefined,
    AUTH_TRUST_HOST: undefined,
  });
  expect(code).toBe(1);
  expect(output).toContain(
    "Invalid configuration: 2 environment variables need attention (see .env.example).",
  );
  expect(output).toMatch(/- AUTH_URL is not set\. In production off Vercel, .*AUTH_TRUST_HOST=true/);
  expect(output).toMatch(
    /- POLAR_CLIENT_ID is not set\. A production build \(NODE_ENV=production\) signs in with Polar itself/,
  );
});

test("a production start refuses the emulator unless POLAR_ALLOW_EMULATOR_IN_PRODUCTION=true", async () => {
  const { code, output } = await startUntilExit({ POLAR_ALLOW_EMULATOR_IN_PRODUCTION: undefined });
  expect(code).toBe(1);
  expect(output).toContain("Invalid configuration: 1 environment variable needs attention");
  expect(output).toMatch(
    /- POLAR_SERVER=local points a production server .*set POLAR_ALLOW_EMULATOR_IN_PRODUCTION=true\./,
  );
});
