import { describe, expect, it } from "vitest";
import {
  EnvError,
  cronSecret,
  databaseEnv,
  polarEnv,
  polarTrafficEnv,
  tokenKeysEnv,
  validateEnv,
} from "./env";

const key = Buffer.alloc(32, 7).toString("base64");
const emulatorClient = { POLAR_CLIENT_ID: "polar_ci_emulator", POLAR_CLIENT_SECRET: "polar_cs_emulator" };
/** Everything but Polar. */
const base = {
  AUTH_SECRET: "a".repeat(44),
  DATABASE_URL: "postgresql://user:secret@db.example.com:5432/app?sslmode=require",
  TOKEN_ENCRYPTION_KEY: key,
};
const valid = { ...base, POLAR_SERVER: "local", ...emulatorClient };

function problems(source: Record<string, string | undefined>) {
  try {
    validateEnv(source);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).problems;
  }
}

describe("validateEnv", () => {
  it("accepts a local setup: the secrets, a database and the emulator's client", () => {
    expect(problems(valid)).toEqual([]);
    expect(polarEnv(valid)).toEqual({
      server: "local",
      clientId: emulatorClient.POLAR_CLIENT_ID,
      clientSecret: emulatorClient.POLAR_CLIENT_SECRET,
      issuer: undefined,
      emulatorUrl: "http://127.0.0.1:4112",
    });
  });

  it("takes POLAR_ISSUER as given, https or a localhost http URL", () => {
    expect(polarEnv({ ...valid, POLAR_ISSUER: "https://api.polar.sh/" }).issuer).toBe("https://api.polar.sh");
    expect(problems({ ...valid, POLAR_ISSUER: "http://127.0.0.1:4112" })).toEqual([]);
    for (const POLAR_ISSUER of ["http://polar.example.com", "api.polar.sh", "ftp://api.polar.sh"]) {
      expect(problems({ ...valid, POLAR_ISSUER })).toEqual([
        expect.stringMatching(/^POLAR_ISSUER must be an https URL/),
      ]);
    }
  });

  it("asks for an OAuth client when none is set, pointing at npm run dev for the emulator", () => {
    expect(problems(base)).toEqual([
      expect.stringMatching(/^POLAR_CLIENT_ID is not set\. `npm run dev` starts the local Polar emulator/),
    ]);
  });

  it("names each missing variable once, with how to get it", () => {
    const found = problems({ POLAR_SERVER: "local", ...emulatorClient });
    expect(found).toHaveLength(3);
    expect(found[0]).toMatch(/^AUTH_SECRET is not set\. .*openssl rand -base64 32/);
    expect(found[1]).toMatch(/^DATABASE_URL is not set\. .*postgresql:\/\//);
    expect(found[2]).toMatch(/^TOKEN_ENCRYPTION_KEY is not set\. .*openssl rand -base64 32/);
  });

  it("treats a blank value (as copied from .env.example) as unset", () => {
    expect(problems({ ...valid, AUTH_SECRET: "" })).toEqual([
      expect.stringMatching(/^AUTH_SECRET is not set/),
    ]);
  });

  it("explains malformed values without echoing them", () => {
    const found = problems({
      AUTH_SECRET: "short",
      DATABASE_URL: "mysql://root:hunter2@localhost/app",
      TOKEN_ENCRYPTION_KEY: Buffer.alloc(16).toString("base64"),
      TOKEN_ENCRYPTION_KEYS_PREVIOUS: `${key},nope`,
      POLAR_SERVER: "staging",
      ...emulatorClient,
    });
    expect(found).toEqual([
      expect.stringMatching(/^AUTH_SECRET is too short/),
      expect.stringMatching(/^DATABASE_URL must be a PostgreSQL connection string/),
      expect.stringMatching(/^TOKEN_ENCRYPTION_KEY must be 32 random bytes/),
      expect.stringMatching(/^TOKEN_ENCRYPTION_KEYS_PREVIOUS must be/),
      expect.stringMatching(/^POLAR_SERVER must be production .*, sandbox .* or local/),
    ]);
    expect(found.join("\n")).not.toContain("hunter2");
  });

  it("requires both Polar credentials or neither", () => {
    expect(problems({ ...base, POLAR_CLIENT_ID: "polar_ci_abc" })).toEqual([
      expect.stringMatching(/^POLAR_CLIENT_SECRET is not set but POLAR_CLIENT_ID is/),
    ]);
    expect(problems({ ...base, POLAR_CLIENT_SECRET: "polar_cs_abc" })).toEqual([
      expect.stringMatching(/^POLAR_CLIENT_ID is not set but POLAR_CLIENT_SECRET is/),
    ]);
    expect(
      problems({ ...valid, POLAR_CLIENT_ID: "polar_cs_swapped", POLAR_CLIENT_SECRET: "polar_ci_swapped" }),
    ).toEqual([
      expect.stringMatching(/^POLAR_CLIENT_ID must be .* starts with polar_ci_/),
      expect.stringMatching(/^POLAR_CLIENT_SECRET must be .* starts with polar_cs_/),
    ]);
  });

  it("requires an OAuth client for production and sandbox, and on Vercel", () => {
    for (const POLAR_SERVER of ["production", "sandbox"]) {
      expect(problems({ ...base, POLAR_SERVER })).toEqual([
        expect.stringMatching(
          new RegExp(
            `^POLAR_CLIENT_ID is not set\\. POLAR_SERVER=${POLAR_SERVER} .*api/auth/callback/polar-organization`,
          ),
        ),
        expect.stringMatching(/^POLAR_CLIENT_SECRET is not set\./),
      ]);
    }
    expect(problems({ ...base, VERCEL: "1" })).toEqual([
      expect.stringMatching(/^POLAR_CLIENT_ID is not set\. On Vercel/),
    ]);
    const credentials = { POLAR_CLIENT_ID: "polar_ci_abc", POLAR_CLIENT_SECRET: "polar_cs_abc" };
    expect(problems({ ...base, ...credentials, VERCEL: "1" })).toEqual([]);
    expect(polarEnv({ ...base, ...credentials }).server).toBe("production");
    expect(polarEnv({ ...base, ...credentials, POLAR_SERVER: "sandbox" }).server).toBe("sandbox");
  });

  it("refuses a production build without an OAuth client, unless POLAR_SERVER=local names the emulator's", () => {
    const production = { ...base, NODE_ENV: "production", AUTH_URL: "https://app.example.com" };
    expect(problems(production)).toEqual([
      expect.stringMatching(
        /^POLAR_CLIENT_ID is not set\. A production build \(NODE_ENV=production\) signs in with Polar itself .*never falls back to the local emulator.*POLAR_SERVER=local/,
      ),
    ]);
    const optedIn = { ...production, POLAR_ALLOW_EMULATOR_IN_PRODUCTION: "true" };
    expect(problems({ ...optedIn, POLAR_SERVER: "local" })).toEqual([
      expect.stringMatching(
        /^POLAR_CLIENT_ID is not set\. A production build with POLAR_SERVER=local still takes the emulator's client explicitly/,
      ),
    ]);
    expect(problems({ ...optedIn, POLAR_SERVER: "local", ...emulatorClient })).toEqual([]);
    expect(polarEnv({ ...production, ...emulatorClient }).server).toBe("production");
  });

  it("refuses POLAR_SERVER=local in production unless POLAR_ALLOW_EMULATOR_IN_PRODUCTION=true", () => {
    const production = { ...valid, NODE_ENV: "production", AUTH_URL: "https://app.example.com" };
    const refused = [
      expect.stringMatching(
        /^POLAR_SERVER=local points a production server .* at the local Polar emulator.*set POLAR_ALLOW_EMULATOR_IN_PRODUCTION=true\.$/,
      ),
    ];
    expect(problems(production)).toEqual(refused);
    expect(() => polarEnv(production)).toThrow(/POLAR_ALLOW_EMULATOR_IN_PRODUCTION=true/);
    expect(problems({ ...production, POLAR_ALLOW_EMULATOR_IN_PRODUCTION: "false" })).toEqual(refused);
    expect(problems({ ...production, POLAR_ALLOW_EMULATOR_IN_PRODUCTION: "true" })).toEqual([]);
    expect(problems({ ...production, POLAR_ALLOW_EMULATOR_IN_PRODUCTION: "yes" })).toEqual([
      expect.stringMatching(/^POLAR_ALLOW_EMULATOR_IN_PRODUCTION must be true or false/),
    ]);
    // Only production needs the opt-in.
    expect(problems({ ...valid, NODE_ENV: "development" })).toEqual([]);
  });

  it("requires AUTH_URL or AUTH_TRUST_HOST=true in production off Vercel", () => {
    const production = { ...valid, NODE_ENV: "production", POLAR_ALLOW_EMULATOR_IN_PRODUCTION: "true" };
    const missingUrl = /^AUTH_URL is not set\. In production off Vercel, .*AUTH_TRUST_HOST=true/;
    expect(problems(production)).toEqual([expect.stringMatching(missingUrl)]);
    // Auth.js trusts the Host header for any AUTH_TRUST_HOST value; only true says so.
    expect(problems({ ...production, AUTH_TRUST_HOST: "false" })).toEqual([
      expect.stringMatching(/^AUTH_URL is not set, and AUTH_TRUST_HOST is not true\./),
    ]);
    expect(problems({ ...production, AUTH_TRUST_HOST: "true" })).toEqual([]);
    expect(problems({ ...production, AUTH_URL: "https://app.example.com" })).toEqual([]);
    expect(problems({ ...production, VERCEL: "1" })).toEqual([]);
    expect(problems({ ...valid, NODE_ENV: "development" })).toEqual([]);
  });

  it("requires an https AUTH_URL in production, except on localhost", () => {
    const production = { ...valid, NODE_ENV: "production", POLAR_ALLOW_EMULATOR_IN_PRODUCTION: "true" };
    expect(problems({ ...production, AUTH_URL: "http://example.com" })).toEqual([
      expect.stringMatching(/^AUTH_URL must use https in production.*https:\/\/example\.com/),
    ]);
    expect(problems({ ...production, AUTH_URL: "https://example.com" })).toEqual([]);
    expect(problems({ ...production, AUTH_URL: "http://localhost:3000" })).toEqual([]);
    expect(problems({ ...production, AUTH_URL: "http://127.0.0.1:3000" })).toEqual([]);
    expect(problems({ ...valid, NODE_ENV: "development", AUTH_URL: "http://192.168.1.5:3000" })).toEqual([]);
    expect(problems({ ...valid, AUTH_URL: "example.com" })).toEqual([
      expect.stringMatching(/^AUTH_URL must be the app's public URL/),
    ]);
  });
});

describe("the database pool", () => {
  it("takes an explicit size and acquire timeout", () => {
    expect(
      databaseEnv({ ...base, DATABASE_POOL_SIZE: " 2 ", DATABASE_POOL_TIMEOUT_MS: "3000" }),
    ).toMatchObject({ poolSize: 2, poolTimeoutMs: 3_000 });
    expect(databaseEnv({ ...base, DATABASE_POOL_SIZE: "", DATABASE_POOL_TIMEOUT_MS: "" })).toMatchObject({
      poolSize: 10,
      poolTimeoutMs: 5_000,
    });
  });

  it("refuses sizes and timeouts that are not whole numbers in range, saying what they set", () => {
    for (const DATABASE_POOL_SIZE of ["0", "101", "2.5", "ten", "-1"]) {
      expect(problems({ ...valid, DATABASE_POOL_SIZE })).toEqual([
        expect.stringMatching(
          /^DATABASE_POOL_SIZE must be a whole number from 1 to 100 \(the most connections one server process opens; on Vercel, one function instance/,
        ),
      ]);
    }
    for (const DATABASE_POOL_TIMEOUT_MS of ["99", "60001", "5s"]) {
      expect(problems({ ...valid, DATABASE_POOL_TIMEOUT_MS })).toEqual([
        expect.stringMatching(
          /^DATABASE_POOL_TIMEOUT_MS must be a whole number from 100 to 60000 \(how long a query waits for a free connection/,
        ),
      ]);
    }
  });
});

describe("module readers", () => {
  it("check only their own variables", () => {
    expect(databaseEnv({ DATABASE_URL: valid.DATABASE_URL })).toEqual({
      url: valid.DATABASE_URL,
      poolSize: 10,
      poolTimeoutMs: 5_000,
    });
    expect(tokenKeysEnv({ TOKEN_ENCRYPTION_KEY: key, TOKEN_ENCRYPTION_KEYS_PREVIOUS: ` ${key} ,` })).toEqual({
      current: key,
      previous: [` ${key} `],
    });
    expect(() => databaseEnv({})).toThrow(/DATABASE_URL is not set/);
  });
});

describe("Polar's rate limit: the request budget and the read cache", () => {
  it("defaults the budget below Polar's per-client limit of the server used, the cache to 30 s fresh, 300 s stale and bounded, and grant checks to a minute", () => {
    expect(polarTrafficEnv({})).toEqual({
      requestsPerMinute: 450,
      freshSeconds: 30,
      staleSeconds: 300,
      maxEntriesPerTenant: 100,
      maxEntries: 10_000,
      grantCheckSeconds: 60,
    });
    expect(polarTrafficEnv({ POLAR_SERVER: "sandbox" })).toMatchObject({ requestsPerMinute: 90 });
    expect(
      polarTrafficEnv({ POLAR_REQUEST_BUDGET_PER_MINUTE: "200", POLAR_CACHE_FRESH_SECONDS: "0" }),
    ).toMatchObject({ requestsPerMinute: 200, freshSeconds: 0 });
  });

  it("refuses a budget or a freshness that is not a whole number in range, saying what it sets", () => {
    for (const POLAR_REQUEST_BUDGET_PER_MINUTE of ["0", "4.5", "lots", "-1"]) {
      expect(problems({ ...valid, POLAR_REQUEST_BUDGET_PER_MINUTE })).toEqual([
        expect.stringMatching(
          /^POLAR_REQUEST_BUDGET_PER_MINUTE must be a whole number from 1 to 100000 \(Polar API requests/,
        ),
      ]);
    }
    expect(problems({ ...valid, POLAR_CACHE_FRESH_SECONDS: "3601" })).toEqual([
      expect.stringMatching(/^POLAR_CACHE_FRESH_SECONDS must be a whole number from 0 to 3600/),
    ]);
    expect(problems({ ...valid, POLAR_CACHE_MAX_ENTRIES_PER_TENANT: "5" })).toEqual([
      expect.stringMatching(/^POLAR_CACHE_MAX_ENTRIES_PER_TENANT must be a whole number from 10 to 100000/),
    ]);
    expect(problems({ ...valid, POLAR_GRANT_CHECK_SECONDS: "0" })).toEqual([
      expect.stringMatching(/^POLAR_GRANT_CHECK_SECONDS must be a whole number from 5 to 3600/),
    ]);
  });
});

describe("the cron secret", () => {
  it("is optional, and when set at least 16 characters without spaces, never echoed", () => {
    expect(cronSecret({})).toBeUndefined();
    expect(cronSecret({ CRON_SECRET: "0123456789abcdef" })).toBe("0123456789abcdef");
    for (const CRON_SECRET of ["too-short", "sixteen chars ok?"]) {
      const found = problems({ ...valid, CRON_SECRET });
      expect(found).toEqual([expect.stringMatching(/^CRON_SECRET must be at least 16 random characters/)]);
      expect(found.join("\n")).not.toContain(CRON_SECRET);
    }
  });
});
