// Polar's API rate limit rules (server/polar/rate_limit.py), in production or
// sandbox: the catch-all `^/v1` allows `default` 500 (sandbox 100) a minute,
// `restricted` 60 (10) a minute, `elevated` 100 (50) a second, and a bearer
// not yet validated (`pending_auth`) 60 a minute. rate-limit.ts counts
// requests against them.

/** Polar's two deployments, each with its own rules; the number is its `default` budget a minute. */
export const RATE_LIMIT_PROFILES = { production: 500, sandbox: 100 } as const;
export type RateLimitProfile = keyof typeof RATE_LIMIT_PROFILES;

/** The groups Polar sets per OAuth client (enums.py RateLimitGroup; `web` is for dashboard sessions). */
export const RATE_LIMIT_GROUPS = ["default", "restricted", "elevated"] as const;
export type RateLimitGroup = (typeof RATE_LIMIT_GROUPS)[number];

/** At most `limit` requests in a fixed window of `windowSeconds`. */
export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

/** The rule of each group, and of a bearer not yet validated, per profile. */
export const RATE_LIMIT_RULES: Record<
  RateLimitProfile,
  Record<RateLimitGroup | "pending_auth", RateLimitRule>
> = {
  production: {
    default: { limit: 500, windowSeconds: 60 },
    restricted: { limit: 60, windowSeconds: 60 },
    elevated: { limit: 100, windowSeconds: 1 },
    pending_auth: { limit: 60, windowSeconds: 60 },
  },
  sandbox: {
    default: { limit: 100, windowSeconds: 60 },
    restricted: { limit: 10, windowSeconds: 60 },
    elevated: { limit: 50, windowSeconds: 1 },
    pending_auth: { limit: 60, windowSeconds: 60 },
  },
};

/** The per-minute budget of the `default` group in this profile. */
export function defaultBudget(profile: RateLimitProfile): number {
  return RATE_LIMIT_RULES[profile].default.limit;
}
