// The app's configuration, read from the environment and checked with one clear
// message per variable. `validateEnv()` checks everything (instrumentation.ts
// calls it when the server starts); the other readers check only what their
// module needs, so a unit test need not set every variable.

import "server-only";
import { z } from "zod";

type Source = Record<string, string | undefined>;

const blankAsUnset = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

/** A required variable; `missing` is the whole message when it is unset or blank. */
function variable(missing: string) {
  return z.preprocess(blankAsUnset, z.string({ error: missing }));
}

function optionalVariable() {
  return z.preprocess(blankAsUnset, z.string().optional());
}

const GENERATE_SECRET =
  "generate one with `openssl rand -base64 32` (`npm run dev` writes one to .env.local for you)";

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const isKey = (value: string) =>
  BASE64.test(value.trim()) && Buffer.from(value.trim(), "base64").length === 32;

const isLocalHost = (hostname: string) => ["localhost", "127.0.0.1", "[::1]"].includes(hostname);

function isIssuer(value: string) {
  const url = parseUrl(value);
  return (
    url !== undefined &&
    (url.protocol === "https:" || (url.protocol === "http:" && isLocalHost(url.hostname)))
  );
}

function parseUrl(value: string) {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

const authSchema = z
  .object({
    NODE_ENV: optionalVariable(),
    VERCEL: optionalVariable(),
    AUTH_SECRET: variable(
      `AUTH_SECRET is not set. It signs session cookies and OAuth state: ${GENERATE_SECRET}.`,
    ).refine(
      (value) => value.length >= 32,
      `AUTH_SECRET is too short: use at least 32 random characters; ${GENERATE_SECRET}.`,
    ),
    AUTH_URL: optionalVariable(),
    AUTH_TRUST_HOST: optionalVariable(),
  })
  .superRefine(({ NODE_ENV, VERCEL, AUTH_URL, AUTH_TRUST_HOST }, context) => {
    const problem = (message: string) => context.addIssue({ code: "custom", path: ["AUTH_URL"], message });
    if (!AUTH_URL) {
      // Auth.js would otherwise answer every request with UntrustedHost. (It
      // trusts any AUTH_TRUST_HOST value, "false" included: only true counts here.)
      if (NODE_ENV === "production" && !VERCEL && !["true", "1"].includes(AUTH_TRUST_HOST ?? "")) {
        problem(
          `AUTH_URL is not set${AUTH_TRUST_HOST ? ", and AUTH_TRUST_HOST is not true" : ""}. In production off Vercel, Auth.js needs the app's public URL to build its redirect URIs: set AUTH_URL=https://your-domain, or AUTH_TRUST_HOST=true if the app runs behind a proxy you trust that sets X-Forwarded-Host.`,
        );
      }
      return;
    }
    const url = parseUrl(AUTH_URL);
    if (!url || !["http:", "https:"].includes(url.protocol)) {
      problem(
        "AUTH_URL must be the app's public URL, like https://your-app.vercel.app (or http://localhost:3000 locally).",
      );
    } else if (NODE_ENV === "production" && url.protocol !== "https:" && !isLocalHost(url.hostname)) {
      problem(
        `AUTH_URL must use https in production (Polar accepts http redirect URIs only for localhost): use https://${url.host}.`,
      );
    }
  });

/**
 * An optional whole number in [min, max]; `meaning` says what it sets, for the
 * message. Unset or blank gives `fallback`.
 */
function integerVariable(name: string, meaning: string, min: number, max: number, fallback: number) {
  return z.preprocess(
    blankAsUnset,
    z
      .string()
      .optional()
      .refine(
        (value) =>
          value === undefined || (/^\d+$/.test(value.trim()) && Number(value) >= min && Number(value) <= max),
        `${name} must be a whole number from ${min} to ${max} (${meaning}); leave it unset for ${fallback}.`,
      )
      .transform((value) => (value === undefined ? fallback : Number(value))),
  );
}

const databaseSchema = z.object({
  DATABASE_URL: variable(
    "DATABASE_URL is not set. Use your PostgreSQL connection string, e.g. postgresql://user:password@host:5432/db?sslmode=require from Neon, Supabase or Prisma Postgres (locally, `npm run dev` starts an embedded Postgres when it is unset).",
  ).refine(
    (value) => ["postgres:", "postgresql:"].includes(parseUrl(value)?.protocol ?? ""),
    "DATABASE_URL must be a PostgreSQL connection string starting with postgresql:// (or postgres://).",
  ),
  DATABASE_POOL_SIZE: integerVariable(
    "DATABASE_POOL_SIZE",
    "the most connections one server process opens; on Vercel, one function instance shared by its concurrent requests: about 5, with instances × this within what your pooler accepts",
    1,
    100,
    10,
  ),
  DATABASE_POOL_TIMEOUT_MS: integerVariable(
    "DATABASE_POOL_TIMEOUT_MS",
    "how long a query waits for a free connection before it fails, in milliseconds",
    100,
    60_000,
    5_000,
  ),
});

/** Polar's per-client limit (requests a minute) less a margin for clocks and other tools on the same client. */
const DEFAULT_REQUEST_BUDGET = { production: 450, sandbox: 90, local: 450 } as const;

const polarTrafficSchema = z
  .object({
    POLAR_SERVER: z.preprocess(
      blankAsUnset,
      z.enum(["production", "sandbox", "local"]).optional().catch(undefined),
    ),
    POLAR_REQUEST_BUDGET_PER_MINUTE: z.preprocess(blankAsUnset, z.string().optional()),
    POLAR_CACHE_FRESH_SECONDS: integerVariable(
      "POLAR_CACHE_FRESH_SECONDS",
      "how long a Polar read is served without asking Polar again; 0 asks Polar on every view",
      0,
      3600,
      30,
    ),
    POLAR_CACHE_STALE_SECONDS: integerVariable(
      "POLAR_CACHE_STALE_SECONDS",
      "how long after that a read is still served while it refreshes in the background",
      0,
      86_400,
      300,
    ),
    POLAR_CACHE_MAX_ENTRIES_PER_TENANT: integerVariable(
      "POLAR_CACHE_MAX_ENTRIES_PER_TENANT",
      "the most cached reads kept for one organization or one person's own reads",
      10,
      100_000,
      100,
    ),
    POLAR_CACHE_MAX_ENTRIES: integerVariable(
      "POLAR_CACHE_MAX_ENTRIES",
      "the most cached reads kept in all",
      100,
      10_000_000,
      10_000,
    ),
    POLAR_GRANT_CHECK_SECONDS: integerVariable(
      "POLAR_GRANT_CHECK_SECONDS",
      "how long Polar's last confirmation of a grant lets cached data be served through it",
      5,
      3600,
      60,
    ),
  })
  .transform(
    (
      {
        POLAR_SERVER,
        POLAR_REQUEST_BUDGET_PER_MINUTE,
        POLAR_CACHE_FRESH_SECONDS,
        POLAR_CACHE_STALE_SECONDS,
        POLAR_CACHE_MAX_ENTRIES_PER_TENANT,
        POLAR_CACHE_MAX_ENTRIES,
        POLAR_GRANT_CHECK_SECONDS,
      },
      context,
    ) => {
      const fallback = DEFAULT_REQUEST_BUDGET[POLAR_SERVER ?? "production"];
      const budget = integerVariable(
        "POLAR_REQUEST_BUDGET_PER_MINUTE",
        "Polar API requests a minute for all server instances together; keep it under Polar's limit of 500 (100 in sandbox)",
        1,
        100_000,
        fallback,
      ).safeParse(POLAR_REQUEST_BUDGET_PER_MINUTE);
      if (!budget.success) {
        for (const issue of budget.error.issues)
          context.addIssue({ ...issue, path: ["POLAR_REQUEST_BUDGET_PER_MINUTE"] });
        return z.NEVER;
      }
      return {
        requestsPerMinute: budget.data,
        freshSeconds: POLAR_CACHE_FRESH_SECONDS,
        staleSeconds: POLAR_CACHE_STALE_SECONDS,
        maxEntriesPerTenant: POLAR_CACHE_MAX_ENTRIES_PER_TENANT,
        maxEntries: POLAR_CACHE_MAX_ENTRIES,
        grantCheckSeconds: POLAR_GRANT_CHECK_SECONDS,
      };
    },
  );

const tokenKeysSchema = z.object({
  TOKEN_ENCRYPTION_KEY: variable(
    `TOKEN_ENCRYPTION_KEY is not set. It encrypts Polar tokens in the database: ${GENERATE_SECRET}.`,
  ).refine(
    isKey,
    "TOKEN_ENCRYPTION_KEY must be 32 random bytes, base64-encoded: generate one with `openssl rand -base64 32`.",
  ),
  TOKEN_ENCRYPTION_KEYS_PREVIOUS: optionalVariable()
    .transform((value) => (value ?? "").split(",").filter((key) => key.trim()))
    .refine(
      (keys) => keys.every(isKey),
      "TOKEN_ENCRYPTION_KEYS_PREVIOUS must be a comma-separated list of earlier TOKEN_ENCRYPTION_KEY values (32 bytes, base64 each).",
    ),
});

const cronSchema = z.object({
  CRON_SECRET: optionalVariable().refine(
    (value) => value === undefined || (value.length >= 16 && !/\s/.test(value)),
    "CRON_SECRET must be at least 16 random characters without spaces (Vercel Cron sends it to /api/cron/revocations as a Bearer token): generate one with `openssl rand -base64 32`.",
  ),
});

const POLAR_OAUTH_HELP =
  "create an OAuth client in Polar (Settings → Developers → OAuth applications) with the redirect URIs <app URL>/api/auth/callback/polar and <app URL>/api/auth/callback/polar-organization";

const polarSchema = z
  .object({
    NODE_ENV: optionalVariable(),
    VERCEL: optionalVariable(),
    POLAR_SERVER: z.preprocess(
      blankAsUnset,
      z
        .enum(["production", "sandbox", "local"], {
          error:
            "POLAR_SERVER must be production (polar.sh), sandbox (sandbox.polar.sh) or local (the emulator).",
        })
        .optional(),
    ),
    POLAR_CLIENT_ID: optionalVariable().refine(
      (value) => value === undefined || value.startsWith("polar_ci_"),
      "POLAR_CLIENT_ID must be your OAuth client's Client ID, which starts with polar_ci_.",
    ),
    POLAR_CLIENT_SECRET: optionalVariable().refine(
      (value) => value === undefined || value.startsWith("polar_cs_"),
      "POLAR_CLIENT_SECRET must be your OAuth client's Client Secret, which starts with polar_cs_.",
    ),
    POLAR_ISSUER: optionalVariable()
      .refine(
        (value) => value === undefined || isIssuer(value),
        "POLAR_ISSUER must be an https URL (http only on localhost), like https://api.polar.sh.",
      )
      .transform((value) => value?.replace(/\/$/, "")),
    POLAR_ALLOW_EMULATOR_IN_PRODUCTION: z.preprocess(
      blankAsUnset,
      z
        .enum(["true", "false"], {
          error: "POLAR_ALLOW_EMULATOR_IN_PRODUCTION must be true or false (unset means false).",
        })
        .optional(),
    ),
    POLAR_EMULATOR_URL: optionalVariable()
      .refine(
        (value) => value === undefined || ["http:", "https:"].includes(parseUrl(value)?.protocol ?? ""),
        "POLAR_EMULATOR_URL must be the emulator's API origin, like http://127.0.0.1:4112.",
      )
      .transform((value) => (value ?? "http://127.0.0.1:4112").replace(/\/$/, "")),
    POLAR_WEB_ORIGIN: optionalVariable()
      .refine(
        (value) => value === undefined || isIssuer(value),
        "POLAR_WEB_ORIGIN must be an https origin (http only on localhost), like https://polar.sh.",
      )
      .transform((value) => (value === undefined ? undefined : new URL(value).origin)),
  })
  .superRefine((variables, context) => {
    const { NODE_ENV, VERCEL, POLAR_SERVER, POLAR_CLIENT_ID, POLAR_CLIENT_SECRET } = variables;
    const problem = (name: string, message: string) =>
      context.addIssue({ code: "custom", path: [name], message });
    // The emulator's login page signs anyone in as any of its users: a
    // production server reaches it only by an explicit opt-in (tests, benchmarks).
    if (
      NODE_ENV === "production" &&
      POLAR_SERVER === "local" &&
      variables.POLAR_ALLOW_EMULATOR_IN_PRODUCTION !== "true"
    ) {
      problem(
        "POLAR_SERVER",
        "POLAR_SERVER=local points a production server (NODE_ENV=production) at the local Polar emulator, whose login page lets anyone sign in as any of its users. Use production or sandbox; to run a production build against the emulator on purpose (tests, benchmarks), also set POLAR_ALLOW_EMULATOR_IN_PRODUCTION=true.",
      );
    }
    if (POLAR_CLIENT_ID && !POLAR_CLIENT_SECRET) {
      problem(
        "POLAR_CLIENT_SECRET",
        "POLAR_CLIENT_SECRET is not set but POLAR_CLIENT_ID is: set both, from the same OAuth client in Polar.",
      );
    } else if (POLAR_CLIENT_SECRET && !POLAR_CLIENT_ID) {
      problem(
        "POLAR_CLIENT_ID",
        "POLAR_CLIENT_ID is not set but POLAR_CLIENT_SECRET is: set both, from the same OAuth client in Polar.",
      );
    } else if (!POLAR_CLIENT_ID && (POLAR_SERVER === "production" || POLAR_SERVER === "sandbox")) {
      const why = `POLAR_SERVER=${POLAR_SERVER} needs your own OAuth client: ${POLAR_OAUTH_HELP}`;
      problem("POLAR_CLIENT_ID", `POLAR_CLIENT_ID is not set. ${why}.`);
      problem("POLAR_CLIENT_SECRET", `POLAR_CLIENT_SECRET is not set. ${why}.`);
    } else if (!POLAR_CLIENT_ID && VERCEL && POLAR_SERVER !== "local") {
      problem(
        "POLAR_CLIENT_ID",
        `POLAR_CLIENT_ID is not set. On Vercel there is no local emulator: ${POLAR_OAUTH_HELP}, then set POLAR_CLIENT_ID, POLAR_CLIENT_SECRET and POLAR_SERVER.`,
      );
    } else if (!POLAR_CLIENT_ID && NODE_ENV === "production") {
      // A production build never falls back to the emulator on its own.
      problem(
        "POLAR_CLIENT_ID",
        POLAR_SERVER === "local"
          ? `POLAR_CLIENT_ID is not set. A production build with POLAR_SERVER=local still takes the emulator's client explicitly: set POLAR_CLIENT_ID and POLAR_CLIENT_SECRET to LOCAL_CLIENT in packages/polar-emulator/src/client.ts, as \`npm run dev\` and the e2e tests do.`
          : `POLAR_CLIENT_ID is not set. A production build (NODE_ENV=production) signs in with Polar itself and needs your own OAuth client: ${POLAR_OAUTH_HELP}, then set POLAR_CLIENT_ID and POLAR_CLIENT_SECRET. It never falls back to the local emulator; to run a production build against it, set POLAR_SERVER=local and the emulator's client explicitly.`,
      );
    } else if (!POLAR_CLIENT_ID) {
      problem(
        "POLAR_CLIENT_ID",
        `POLAR_CLIENT_ID is not set. \`npm run dev\` starts the local Polar emulator and passes its client to the app; to use Polar itself, ${POLAR_OAUTH_HELP}.`,
      );
    }
  })
  .transform(
    ({
      POLAR_SERVER,
      POLAR_CLIENT_ID,
      POLAR_CLIENT_SECRET,
      POLAR_ISSUER,
      POLAR_EMULATOR_URL,
      POLAR_WEB_ORIGIN,
    }) => ({
      server: POLAR_SERVER ?? "production",
      // superRefine has made sure both are set.
      clientId: POLAR_CLIENT_ID!,
      clientSecret: POLAR_CLIENT_SECRET!,
      issuer: POLAR_ISSUER,
      emulatorUrl: POLAR_EMULATOR_URL,
      webOrigin: POLAR_WEB_ORIGIN,
    }),
  );

const schemas = {
  auth: authSchema,
  database: databaseSchema,
  tokenKeys: tokenKeysSchema,
  polar: polarSchema,
  polarTraffic: polarTrafficSchema,
  cron: cronSchema,
};

/** The configuration problems, one line per variable. Never includes a value. */
export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration: ${problems.length === 1 ? "1 environment variable needs" : `${problems.length} environment variables need`} attention (see .env.example).\n${problems.map((problem) => `  - ${problem}`).join("\n")}`,
    );
    this.name = "EnvError";
  }
}

/** The first message for each variable, so each problem is named once. */
function problemsOf(error: z.ZodError) {
  const byVariable = new Map<string, string>();
  for (const issue of error.issues) {
    const name = String(issue.path[0]);
    if (!byVariable.has(name))
      byVariable.set(name, issue.message.startsWith(name) ? issue.message : `${name} ${issue.message}`);
  }
  return [...byVariable.values()];
}

function read<K extends keyof typeof schemas>(name: K, source: Source): z.output<(typeof schemas)[K]> {
  const result = schemas[name].safeParse(source);
  if (!result.success) throw new EnvError(problemsOf(result.error));
  return result.data as z.output<(typeof schemas)[K]>;
}

/** Checks every variable at once and reports all problems together. */
export function validateEnv(source: Source = process.env) {
  const problems = Object.values(schemas).flatMap((schema) => {
    const result = schema.safeParse(source);
    return result.success ? [] : problemsOf(result.error);
  });
  if (problems.length) throw new EnvError(problems);
}

export type PolarServer = z.output<typeof polarSchema>["server"];

export const polarEnv = (source: Source = process.env) => read("polar", source);
export const databaseEnv = (source: Source = process.env) => {
  const { DATABASE_URL, DATABASE_POOL_SIZE, DATABASE_POOL_TIMEOUT_MS } = read("database", source);
  return { url: DATABASE_URL, poolSize: DATABASE_POOL_SIZE, poolTimeoutMs: DATABASE_POOL_TIMEOUT_MS };
};
export const tokenKeysEnv = (source: Source = process.env) => {
  const { TOKEN_ENCRYPTION_KEY, TOKEN_ENCRYPTION_KEYS_PREVIOUS } = read("tokenKeys", source);
  return { current: TOKEN_ENCRYPTION_KEY, previous: TOKEN_ENCRYPTION_KEYS_PREVIOUS };
};
/** The Polar read cache's freshness and bounds, the per-client request budget, and how often grants are checked. */
export const polarTrafficEnv = (source: Source = process.env) => read("polarTraffic", source);
/** The secret Vercel Cron sends to the cron routes; undefined when not set. */
export const cronSecret = (source: Source = process.env) => read("cron", source).CRON_SECRET;
