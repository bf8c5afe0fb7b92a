// Polar's API rate limit (server/polar/rate_limit.py): the `ratelimit` ASGI
// middleware with one budget per OAuth client, shared by every token the
// client holds (auth/models.py `rate_limit_user` = `oauth2_client:<client_id>`):
// 500 requests a minute in production, 100 in sandbox (`_PRODUCTION_RULES`,
// `_SANDBOX_RULES`, rule "^/v1" of the default group). A window is one minute
// from the first request counted in it. Over the limit the middleware answers
// 429 with Retry-After in seconds and an empty body: `ratelimit`'s default
// on_blocked handler, which Polar does not replace.
import type { ServerResponse } from "node:http";
import type { EmulatorState } from "./state.ts";

export const RATE_LIMIT_PROFILES = { production: 500, sandbox: 100 } as const;
export type RateLimitProfile = keyof typeof RATE_LIMIT_PROFILES;

const WINDOW_SECONDS = 60;

/** Counts one request of the client; returns the seconds to wait when it is over its budget. */
export function consumeRateLimit(state: EmulatorState, clientId: string): number | undefined {
  const key = `oauth2_client:${clientId}`;
  const now = Date.now() / 1000;
  let bucket = state.rateBuckets.get(key);
  if (!bucket || now >= bucket.windowStart + WINDOW_SECONDS) {
    bucket = { windowStart: now, count: 0 };
    state.rateBuckets.set(key, bucket);
  }
  if (bucket.count >= state.settings.rateLimitPerMinute)
    return Math.max(1, Math.ceil(bucket.windowStart + WINDOW_SECONDS - now));
  bucket.count += 1;
  return undefined;
}

/** The middleware's 429, counted in the stats. */
export function sendRateLimited(res: ServerResponse, state: EmulatorState, retryAfter: string): void {
  state.stats.rateLimited += 1;
  res.writeHead(429, { "retry-after": retryAfter, "content-length": 0 });
  res.end();
}
