import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type Provider from "oidc-provider";
import { sendJson } from "../http.ts";
import { profileLatency } from "../latency.ts";
import { consumeRateLimit, sendRateLimited } from "../rate-limit.ts";
import type { EmulatorState, ForcedApiFailure } from "../state.ts";
import { accessibleOrganizationIds, holdsPermission } from "../access.ts";
import { PERMISSION_DENIED_MESSAGE, type Permission } from "../permissions.ts";
import { authenticate, type ApiAuth } from "./auth.ts";
import {
  ApiError,
  insufficientScope,
  invalidToken,
  notFound,
  notPermitted,
  serverError,
  unauthorized,
} from "./errors.ts";
import { answer } from "./answer.ts";
import type { Resource } from "./resource.ts";
import { resources } from "./resources.ts";

const UUID_SEGMENT = /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/|$)/gi;

export function sendApiError(res: ServerResponse, error: ApiError): void {
  if (typeof error.body === "string") {
    res.writeHead(error.status, { "content-type": "text/plain; charset=utf-8", ...error.headers });
    res.end(error.body);
    return;
  }
  sendJson(res, error.status, error.body, error.headers);
}

function forcedResponse(failure: Exclude<ForcedApiFailure["status"], 429>, resource: Resource): ApiError {
  switch (failure) {
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

/**
 * An organization-path guard (authz/dependencies.py OrgPolicyGuard): an
 * organization the subject cannot reach is 404 whatever its role; one it
 * reaches without the permission is 403 NotPermitted.
 */
function checkGuard(
  state: EmulatorState,
  auth: ApiAuth,
  organizationId: string,
  permission: Permission,
): void {
  if (!accessibleOrganizationIds(state, auth.subject).includes(organizationId)) throw notFound();
  if (!holdsPermission(state, auth.subject, organizationId, permission))
    throw notPermitted(PERMISSION_DENIED_MESSAGE[permission]);
}

function takeFailure(state: EmulatorState, pathname: string): ForcedApiFailure | undefined {
  const index = state.apiFailures.findIndex((failure) => !failure.path || pathname.startsWith(failure.path));
  const failure = state.apiFailures[index];
  if (!failure) return undefined;
  failure.remaining -= 1;
  if (failure.remaining <= 0) state.apiFailures.splice(index, 1);
  return failure;
}

/**
 * Bearer-protected /v1 API: the stats, the rate limit (before authentication,
 * as Polar's middleware), forced failures, authentication, scopes, the
 * resource (answer.ts). Paths no resource serves are
 * left to the caller (false).
 */
export function createApi(provider: Provider, state: EmulatorState) {
  return async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (!url.pathname.startsWith("/v1/")) return false;
    let params: string[] = [];
    const resource = resources.find((candidate) => {
      const match = candidate.pattern.exec(url.pathname);
      if (match) params = match.slice(1);
      return match !== null;
    });
    if (!resource) return false;
    if (!resource.method.split("|").includes(req.method ?? "")) {
      sendJson(res, 405, { detail: "Method Not Allowed" }, { allow: resource.method.replace("|", ", ") });
      return true;
    }

    const statsKey = `${req.method} ${url.pathname.replace(UUID_SEGMENT, "/{id}")}`;
    state.stats.api[statsKey] = (state.stats.api[statsKey] ?? 0) + 1;
    if (url.pathname === "/v1/oauth2/userinfo") state.stats.userinfo += 1;

    const retryAfter = consumeRateLimit(state, req);
    if (retryAfter !== undefined) {
      sendRateLimited(res, state, String(retryAfter));
      return true;
    }

    // The `latency_ms` setting delays paths the latency profile does not cover, before anything else.
    const profiled = profileLatency(state.latency, url.pathname) !== undefined;
    const { latencyMs, latencyPath } = state.settings;
    if (!profiled && latencyMs > 0 && (!latencyPath || url.pathname.startsWith(latencyPath)))
      await sleep(latencyMs);

    const failure = takeFailure(state, url.pathname);
    if (failure?.status === 429) {
      // A forced 429 looks like the rate limit's own; its Retry-After may also be
      // an HTTP-date (RFC 9110 §10.2.3), which Polar's middleware never sends.
      const { seconds, format } = failure.retryAfter ?? { seconds: 60, format: "seconds" };
      sendRateLimited(
        res,
        state,
        format === "seconds" ? String(seconds) : new Date(Date.now() + seconds * 1000).toUTCString(),
      );
      return true;
    }
    if (failure) {
      sendApiError(res, forcedResponse(failure.status, resource));
      return true;
    }

    try {
      const auth = await authenticate(req, provider, state, resource.permission);
      // auth/dependencies.py Authenticator: a subject type the endpoint refuses is anonymous to it.
      if (resource.subjects && !resource.subjects.includes(auth.subject.type)) throw unauthorized();
      if (resource.scopes.length > 0 && !resource.scopes.some((scope) => auth.scopes.has(scope))) {
        throw insufficientScope(resource.scopes);
      }
      if (resource.guard) checkGuard(state, auth, params[0] ?? "", resource.guard);
      sendJson(res, 200, await answer(state, resource, auth, url, params));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      sendApiError(res, error);
    }
    return true;
  };
}
