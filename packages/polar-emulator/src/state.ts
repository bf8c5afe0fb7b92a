// Mutable runtime state of one emulator instance. Everything here is in memory
// and `reset()` brings it back to a fresh start (the dataset is immutable; the
// stalls are ended by the reset control, which closes their connections).
import type { ServerResponse } from "node:http";
import type { Dataset } from "./data/dataset.ts";
import type { SeedClient } from "./data/seed.ts";
import type { LatencyProfile } from "./latency.ts";
import type { RateLimitGroup, RateLimitProfile } from "./rate-limit-rules.ts";
import type { ApiVersions } from "./versions.ts";

/** Polar's two origins: polar.sh (web) and api.polar.sh (api). */
export type Origin = "web" | "api";

/** Who a grant's tokens act for. */
export type Subject =
  /** A user token: all of the user's organizations, or only `organizationIds` when it is down-scoped. */
  | { type: "user"; userId: string; organizationIds: string[] }
  /** A legacy organization token (issued before mid-2026); `userId` is the member who connected it. */
  | { type: "organization"; organizationId: string; userId: string };

export interface StoredRecord {
  payload: Record<string, unknown>;
}

/**
 * A client registered at the registration endpoint (RFC 7591, registration.ts),
 * with its full redirect URIs; directory.ts finds it beside the seeded ones.
 */
export interface RegisteredClient extends Omit<SeedClient, "redirect_paths"> {
  redirect_uris: string[];
  registration_access_token: string;
}

export interface ForcedTokenFailure {
  status: number;
  error: string;
  error_description?: string;
  grant_type?: string;
}

/** A token request answered late (`delayMs`), or never (`drop`), after it was processed. */
export interface TokenDelay {
  grant_type?: string;
  delayMs: number;
  drop: boolean;
}

/** A successful token response changed in shape (`token-quirks` control): its `scope` left out. */
export interface TokenQuirk {
  grant_type: string;
  omitScope: true;
}

/** A forced answer of the revocation endpoint: nothing is revoked. */
export interface ForcedRevocationFailure {
  status: 401 | 500 | 503;
}

export interface ForcedApiFailure {
  status: 401 | 403 | 404 | 429 | 500 | 502 | 503;
  path?: string;
  remaining: number;
  /** A forced 429's Retry-After: seconds to wait, sent as seconds or as the HTTP-date they end at. */
  retryAfter?: { seconds: number; format: "seconds" | "http-date" };
}

export interface Settings {
  /** Overrides the access token lifetime of every grant; null keeps Polar's (864000 s from a code, 3600 s from a refresh). */
  accessTokenTtl: number | null;
  codeTtl: number;
  clockSkewSeconds: number;
  latencyMs: number;
  latencyPath?: string;
  /**
   * Overrides Polar's rate limit groups with one budget a minute per OAuth
   * client, counted from each token's first request; null keeps Polar's (rate-limit-rules.ts).
   */
  rateLimitPerMinute: number | null;
}

export interface Stats {
  token: Record<string, number>;
  tokenErrors: Record<string, number>;
  api: Record<string, number>;
  userinfo: number;
  revocations: number;
  /** Revocation requests answered by a `revocation-failures` control. */
  revocationFailures: number;
  authorizations: number;
  /** API requests answered 429, by the rate limit or an `api-failures` control. */
  rateLimited: number;
  /** Requests held by a stalled origin (stall.ts). */
  stalled: number;
}

/** A metrics answer Polar keeps for 60 s (metrics/cache.py). */
export interface CachedMetrics {
  expiresAt: number;
  body: unknown;
}

/** A bearer token's identity as the rate limit caches it after an authenticated request. */
export interface CachedIdentity {
  user: string;
  group: RateLimitGroup;
  expiresAt: number;
}

export interface RateBucket {
  windowStart: number;
  count: number;
}

export interface EmulatorState {
  /** The users, organizations and catalogue this instance serves (immutable, kept by reset). */
  readonly data: Dataset;
  readonly defaults: Readonly<Settings>;
  settings: Settings;
  readonly defaultApiVersions: Readonly<ApiVersions>;
  /** The API versions Polar accepts now (versions.ts). */
  apiVersions: ApiVersions;
  readonly defaultLatency: Readonly<LatencyProfile>;
  /** How long Polar takes per path prefix (latency.ts). */
  latency: LatencyProfile;
  /** Metrics answers by cache key (api/metrics-cache.ts). */
  readonly metricsCache: Map<string, CachedMetrics>;
  /** oidc-provider models (AccessToken, RefreshToken, Grant, ...) by model name, then id. */
  readonly models: Map<string, Map<string, StoredRecord>>;
  /** Who a grant's tokens act as: the user, or the organization picked on the consent page. */
  readonly subjects: Map<string, Subject>;
  /** Scopes each user last granted each client, by `consentKey(userId, clientId)` (Polar's OAuth2Grant). */
  readonly consents: Map<string, Set<string>>;
  /** Seeded memberships a test removed, by `<user id> <organization id>` (memberships.ts). */
  readonly removedMemberships: Set<string>;
  /** Clients registered at /v1/oauth2/register, by client id (directory.ts). */
  readonly registeredClients: Map<string, RegisteredClient>;
  /** Organizations a test made enforce SSO (sso.ts). */
  readonly ssoEnforced: Set<string>;
  /** Access token <-> refresh token issued in the same token response: Polar's token rows (token-rows.ts). */
  readonly pairs: Map<string, string>;
  /** production or sandbox: which of Polar's rate limit rules apply. */
  readonly rateLimitProfile: RateLimitProfile;
  /** Rate limit windows by zone, user and window length (rate-limit.ts). */
  readonly rateBuckets: Map<string, RateBucket>;
  /** Bearer token → the identity the rate limit counts it as. */
  readonly identities: Map<string, CachedIdentity>;
  /** OAuth clients a test moved out of the `default` rate limit group. */
  readonly clientGroups: Map<string, RateLimitGroup>;
  /** Per origin: null, or the requests a stall holds unanswered (stall.ts); kept by reset, whose control ends them. */
  readonly stalls: Record<Origin, Set<ServerResponse> | null>;
  tokenFailures: ForcedTokenFailure[];
  tokenDelays: TokenDelay[];
  tokenQuirks: TokenQuirk[];
  revocationFailures: ForcedRevocationFailure[];
  apiFailures: ForcedApiFailure[];
  stats: Stats;
  /** The emulator's clock in epoch seconds, including the configured skew. */
  now(): number;
  /** Back to a fresh start, but for the stalls: ending one closes connections, so the reset control does it (stall.ts). */
  reset(): void;
}

export function emptyStats(): Stats {
  return {
    token: {},
    tokenErrors: {},
    api: {},
    userinfo: 0,
    revocations: 0,
    revocationFailures: 0,
    authorizations: 0,
    rateLimited: 0,
    stalled: 0,
  };
}

export function createState(
  data: Dataset,
  start: {
    settings: Settings;
    latency: LatencyProfile;
    apiVersions: ApiVersions;
    rateLimitProfile: RateLimitProfile;
  },
): EmulatorState {
  const { settings: defaults, latency, apiVersions } = start;
  const state: EmulatorState = {
    data,
    defaults: Object.freeze({ ...defaults }),
    settings: { ...defaults },
    defaultApiVersions: Object.freeze({ ...apiVersions }),
    apiVersions: { ...apiVersions },
    defaultLatency: Object.freeze({ ...latency }),
    latency: { ...latency },
    metricsCache: new Map(),
    models: new Map(),
    subjects: new Map(),
    consents: new Map(),
    removedMemberships: new Set(),
    ssoEnforced: new Set(),
    registeredClients: new Map(),
    pairs: new Map(),
    rateLimitProfile: start.rateLimitProfile,
    rateBuckets: new Map(),
    identities: new Map(),
    clientGroups: new Map(),
    stalls: { web: null, api: null },
    tokenFailures: [],
    tokenDelays: [],
    tokenQuirks: [],
    revocationFailures: [],
    apiFailures: [],
    stats: emptyStats(),
    now() {
      return Math.floor(Date.now() / 1000) + state.settings.clockSkewSeconds;
    },
    reset() {
      state.settings = { ...state.defaults };
      state.latency = { ...state.defaultLatency };
      state.apiVersions = { ...state.defaultApiVersions };
      state.metricsCache.clear();
      state.models.clear();
      state.subjects.clear();
      state.consents.clear();
      state.removedMemberships.clear();
      state.ssoEnforced.clear();
      state.registeredClients.clear();
      state.pairs.clear();
      state.rateBuckets.clear();
      state.identities.clear();
      state.clientGroups.clear();
      state.tokenFailures = [];
      state.tokenDelays = [];
      state.tokenQuirks = [];
      state.revocationFailures = [];
      state.apiFailures = [];
      state.stats = emptyStats();
    },
  };
  return state;
}
