// Polar's API rate limit (server/polar/rate_limit.py, the `ratelimit` ASGI
// middleware, asgi-ratelimit 0.10.0), in production or sandbox. It runs on
// every path under /v1 (the token, revocation and registration endpoints
// included; not /.well-known) before authentication, so it knows a request
// only by what it carries:
// - a bearer token whose identity is cached counts against its OAuth client
//   (auth/models.py `rate_limit_user` = `oauth2_client:<client_id>`, shared by
//   all the client's tokens) in the client's group (`rate_limit_group`;
//   an organization token: its organization's, `default` here);
// - a bearer not yet validated is `pending_auth`, 60 a minute for that token;
//   the identity is cached for 5 minutes after each request that authenticates
//   (auth/middlewares.py `write_cached_identity`), never for an invalid one;
// - no bearer: the client IP (`True-Client-IP`, else the connection's) in `default`.
// Each identity counts against its rule (rate-limit-rules.ts). Windows are
// fixed, from the first request counted in them; over the limit the answer is
// 429 with an empty body and `Retry-After` = the window's length.
import type { IncomingMessage, ServerResponse } from "node:http";
import { bearerToken } from "./http.ts";
import { RATE_LIMIT_RULES, type RateLimitRule } from "./rate-limit-rules.ts";
import type { EmulatorState, Subject } from "./state.ts";

const IDENTITY_TTL_MS = 300_000;

/** Who a request counts as, and under which rule. */
function identify(
  state: EmulatorState,
  req: IncomingMessage,
): { user: string; rule: RateLimitRule } | undefined {
  const rules = RATE_LIMIT_RULES[state.rateLimitProfile];
  const token = bearerToken(req);
  const override = state.settings.rateLimitPerMinute;
  if (token !== undefined && override !== null) {
    // The `rate_limit_per_minute` setting: one budget per client, from a token's first request.
    const clientId = state.models.get("AccessToken")?.get(token)?.payload["clientId"];
    return typeof clientId === "string"
      ? { user: `oauth2_client:${clientId}`, rule: { limit: override, windowSeconds: 60 } }
      : undefined;
  }
  if (token !== undefined) {
    const cached = state.identities.get(token);
    if (cached && cached.expiresAt > Date.now()) return { user: cached.user, rule: rules[cached.group] };
    return { user: `token:${token}`, rule: rules.pending_auth };
  }
  const forwarded = req.headers["true-client-ip"];
  const ip = (Array.isArray(forwarded) ? forwarded[0] : forwarded) ?? req.socket.remoteAddress ?? "anonymous";
  return { user: ip, rule: rules.default };
}

/** Counts the request; returns the Retry-After seconds when it is over its limit. */
export function consumeRateLimit(state: EmulatorState, req: IncomingMessage): number | undefined {
  const identity = identify(state, req);
  if (!identity) return undefined;
  const { user, rule } = identity;
  const key = `api:${user}:${rule.windowSeconds}`;
  const now = Date.now();
  let bucket = state.rateBuckets.get(key);
  if (!bucket || now >= bucket.windowStart + rule.windowSeconds * 1000) {
    bucket = { windowStart: now, count: 0 };
    state.rateBuckets.set(key, bucket);
  }
  if (bucket.count >= rule.limit) return rule.windowSeconds;
  bucket.count += 1;
  return undefined;
}

/** After a request authenticated with `token`: its identity, for 5 minutes. */
export function rememberIdentity(
  state: EmulatorState,
  token: string,
  clientId: string,
  subject: Subject,
): void {
  const group = subject.type === "organization" ? "default" : (state.clientGroups.get(clientId) ?? "default");
  state.identities.set(token, {
    user: `oauth2_client:${clientId}`,
    group,
    expiresAt: Date.now() + IDENTITY_TTL_MS,
  });
}

/** After a request whose token did not authenticate (`clear_cached_identity`). */
export function forgetIdentity(state: EmulatorState, token: string): void {
  state.identities.delete(token);
}

/** The middleware's 429, counted in the stats. */
export function sendRateLimited(res: ServerResponse, state: EmulatorState, retryAfter: string): void {
  state.stats.rateLimited += 1;
  res.writeHead(429, { "retry-after": retryAfter, "content-length": 0 });
  res.end();
}
