import type { EmulatorState, Subject } from "./state.ts";

export interface RateLimitResult {
  allowed: boolean;
  headers: Record<string, string>;
}

// A fixed window per access token. Polar documents 1000 requests/hour for
// user tokens and 5000/hour for organization tokens, answered with 429 +
// Retry-After and X-RateLimit-* headers on every response; the window
// arithmetic of Polar's own limiter is not public, so a plain window is used.
export function consumeRateLimit(state: EmulatorState, key: string, subject: Subject): RateLimitResult {
  const { rateLimitUser, rateLimitOrganization, rateLimitWindowSeconds } = state.settings;
  const limit = subject.type === "organization" ? rateLimitOrganization : rateLimitUser;
  const now = Math.floor(Date.now() / 1000);

  let bucket = state.rateBuckets.get(key);
  if (!bucket || now >= bucket.windowStart + rateLimitWindowSeconds) {
    bucket = { windowStart: now, count: 0 };
    state.rateBuckets.set(key, bucket);
  }
  const reset = bucket.windowStart + rateLimitWindowSeconds;
  const allowed = bucket.count < limit;
  if (allowed) bucket.count += 1;

  const headers: Record<string, string> = {
    "x-ratelimit-limit": String(limit),
    "x-ratelimit-remaining": String(Math.max(0, limit - bucket.count)),
    "x-ratelimit-reset": String(reset),
  };
  if (!allowed) headers["retry-after"] = String(Math.max(1, reset - now));
  return { allowed, headers };
}

export function rateLimitedBody(retryAfter: string): unknown {
  return { error: "TooManyRequests", detail: `Rate limit exceeded, retry after ${retryAfter} seconds.` };
}
