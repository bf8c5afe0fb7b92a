// The SDK client for one call to Polar's API, and the one place that names the
// API version the app speaks (Polar-Version, which the SDK sends per import
// path): Polar serves three versions at a time and removes the oldest in the
// first week of each quarter, after which it answers 404 on every path. @polar-sh/sdk 1.0.1 gives every
// call a 5-second timeout by default and parses Retry-After with parseInt, so an
// HTTP-date Retry-After becomes NaN; the client here sets a timeout chosen per
// endpoint and rethrows a 429 with Retry-After read in both forms
// (retry-after.ts). The SDK builds its client inside createPolar, out of
// reach, so the services the app reads are built here on a client it can
// reach, whose `parseResponse` is wrapped.
import "server-only";
import { PolarRateLimitError } from "@polar-sh/sdk";
import { createPolarCore, type models } from "@polar-sh/sdk/2026-10";
import { createCustomersService } from "@polar-sh/sdk/2026-10/services/customers";
import { createMetricsService } from "@polar-sh/sdk/2026-10/services/metrics";
import { createOrdersService } from "@polar-sh/sdk/2026-10/services/orders";
import { createOrganizationsService } from "@polar-sh/sdk/2026-10/services/organizations";
import { createProductsService } from "@polar-sh/sdk/2026-10/services/products";
import { createSubscriptionsService } from "@polar-sh/sdk/2026-10/services/subscriptions";
import { isApiVersionRefused } from "./api-version";
import { retryAfterSeconds } from "./retry-after";
import { polarServer } from "./server";

/** The Polar API version of every call (the SDK client imported above). */
export const POLAR_API_VERSION = "2026-10";

/** Polar's API models, in that version. */
export type { models };

/** How long a refusal of the version stands before pages ask Polar again. */
const VERSION_REFUSAL_MS = 60_000;
let versionRefusedAt: number | undefined;

/**
 * Whether Polar refused the version above in the last minute (in this process):
 * a page then says so once, instead of in each of its panels.
 */
export const apiVersionRefused = () =>
  versionRefusedAt !== undefined && Date.now() - versionRefusedAt < VERSION_REFUSAL_MS;

/**
 * How long Polar gets to answer a call, in seconds. Polar computes metrics on
 * request and has been seen to take ~15 s for real organizations
 * (polarsource/polar#7720); everything else answers well within a second. A
 * grant check keeps a page waiting, so it gets the least.
 */
export const POLAR_TIMEOUT_SECONDS = { default: 6, metrics: 30, grantCheck: 5 } as const;

export interface PolarCallOptions {
  /** The organization the call acts on (the SDK sends it as Polar-Organization). */
  organizationId?: string;
  timeoutSeconds?: number;
}

function core(accessToken: string, { organizationId, timeoutSeconds }: PolarCallOptions) {
  const client = createPolarCore({
    accessToken,
    organizationId,
    baseUrl: polarServer.apiUrl,
    timeout: timeoutSeconds ?? POLAR_TIMEOUT_SECONDS.default,
  });
  const parseResponse = client.parseResponse.bind(client);
  client.parseResponse = async <T>(...args: Parameters<typeof parseResponse>): Promise<T> => {
    try {
      const answer = await parseResponse<T>(...args);
      versionRefusedAt = undefined;
      return answer;
    } catch (error) {
      if (isApiVersionRefused(error)) versionRefusedAt = Date.now();
      if (!(error instanceof PolarRateLimitError)) throw error;
      throw new PolarRateLimitError(error.statusCode, retryAfterSeconds(args[0].headers.get("retry-after")));
    }
  };
  return client;
}

/** The parts of Polar's API (version 2026-10) the app reads, for one access token. */
export function polarApi(accessToken: string, options: PolarCallOptions = {}) {
  const client = core(accessToken, options);
  return {
    organizations: createOrganizationsService(client),
    products: createProductsService(client),
    orders: createOrdersService(client),
    customers: createCustomersService(client),
    subscriptions: createSubscriptionsService(client),
    metrics: createMetricsService(client),
  };
}

export type PolarApi = ReturnType<typeof polarApi>;
