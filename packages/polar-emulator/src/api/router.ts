import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type Provider from "oidc-provider";
import { sendJson } from "../http.ts";
import { consumeRateLimit, rateLimitedBody } from "../rate-limit.ts";
import type { EmulatorState, ForcedApiFailure } from "../state.ts";
import { authenticate } from "./auth.ts";
import { ApiError, insufficientScope, invalidToken, notFound, serverError } from "./errors.ts";
import { resources, type Resource } from "./resources.ts";

const UUID_SEGMENT = /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/|$)/gi;

function send(res: ServerResponse, error: ApiError, headers: Record<string, string> = {}): void {
  if (typeof error.body === "string") {
    res.writeHead(error.status, { "content-type": "text/plain; charset=utf-8", ...error.headers, ...headers });
    res.end(error.body);
    return;
  }
  sendJson(res, error.status, error.body, { ...error.headers, ...headers });
}

function forcedResponse(failure: ForcedApiFailure, resource: Resource): ApiError {
  switch (failure.status) {
    case 429:
      return new ApiError(429, rateLimitedBody("60"), {
        "retry-after": "60",
        "x-ratelimit-limit": "0",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 60),
      });
    case 401:
      return invalidToken();
    case 403:
      return insufficientScope(resource.scopes.length ? resource.scopes : ["openid"]);
    case 404:
      return notFound();
    case 502:
      return new ApiError(502, "Bad Gateway");
    case 503:
      return new ApiError(503, "Service Unavailable");
    default:
      return serverError();
  }
}

function takeFailure(state: EmulatorState, pathname: string): ForcedApiFailure | undefined {
  const index = state.apiFailures.findIndex((failure) => !failure.path || pathname.startsWith(failure.path));
  const failure = state.apiFailures[index];
  if (!failure) return undefined;
  failure.remaining -= 1;
  if (failure.remaining <= 0) state.apiFailures.splice(index, 1);
  return failure;
}

/** Bearer-protected /v1 API: test controls, then authentication, rate limit, scopes, the resource. */
export function createApi(provider: Provider, state: EmulatorState) {
  return async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (!url.pathname.startsWith("/v1/")) return false;
    let params: string[] = [];
    const resource = resources.find((candidate) => {
      const match = candidate.pattern.exec(url.pathname);
      if (match) params = match.slice(1);
      return match !== null;
    });
    if (!resource) {
      sendJson(res, 404, { detail: "Not Found" });
      return true;
    }
    if (!resource.method.split("|").includes(req.method ?? "")) {
      sendJson(res, 405, { detail: "Method Not Allowed" }, { allow: resource.method.replace("|", ", ") });
      return true;
    }

    const statsKey = `${req.method} ${url.pathname.replace(UUID_SEGMENT, "/{id}")}`;
    state.stats.api[statsKey] = (state.stats.api[statsKey] ?? 0) + 1;
    if (url.pathname === "/v1/oauth2/userinfo") state.stats.userinfo += 1;

    const { latencyMs, latencyPath } = state.settings;
    if (latencyMs > 0 && (!latencyPath || url.pathname.startsWith(latencyPath))) await sleep(latencyMs);

    const failure = takeFailure(state, url.pathname);
    if (failure) {
      send(res, forcedResponse(failure, resource));
      return true;
    }

    let rateHeaders: Record<string, string> = {};
    try {
      const auth = await authenticate(req, provider, state);
      const rate = consumeRateLimit(state, auth.value, auth.subject);
      rateHeaders = rate.headers;
      if (!rate.allowed) throw new ApiError(429, rateLimitedBody(rate.headers["retry-after"] ?? "1"));
      if (resource.scopes.length > 0 && !resource.scopes.some((scope) => auth.scopes.has(scope))) {
        throw insufficientScope(resource.scopes);
      }
      sendJson(res, 200, resource.handle(auth, url.searchParams, params), rateHeaders);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      send(res, error, rateHeaders);
    }
    return true;
  };
}
