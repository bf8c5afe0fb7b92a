// Test controls under /__emulator/ — not part of Polar. JSON in, JSON out.
//
//   GET  /__emulator/settings             current settings
//   POST /__emulator/settings             { access_token_ttl (null: Polar's), code_ttl, clock_skew_seconds, latency_ms,
//                                           latency_path, rate_limit_per_minute (null: Polar's groups) }   (any subset)
//   POST /__emulator/rate-limit-groups    { client_id, group: "default" | "restricted" | "elevated" }
//   GET  /__emulator/latency              the latency profile: { "<path prefix>": ms, ... }
//   POST /__emulator/latency              { "<path prefix>": ms, ... }: replaces the profile (latency.ts)
//   GET  /__emulator/api-versions         { accepted, default }: the Polar-Versions served
//   POST /__emulator/api-versions         { accepted: ["2026-04", ...], default? }: Polar's quarterly release, at runtime
//   POST /__emulator/token-failures       { error, status?, error_description?, grant_type?, count? }
//   POST /__emulator/token-delays         { delay_ms, grant_type?, count?, drop? }: the next matching token requests
//                                         are processed, then answered after delay_ms, or (drop) never
//   POST /__emulator/token-quirks         { omit_scope: true, grant_type?: "refresh_token", count?: 1 }: the next
//                                         successful token responses of that grant type leave out `scope`
//   POST /__emulator/revocation-failures  { status?: 500|503|401 (503), count?: 1 }: the next revocation requests
//                                         are answered with that status and revoke nothing
//   POST /__emulator/api-failures         { status: 401|403|404|429|500|502|503, path?, count?,
//                                           retry_after? (429: seconds, 60), retry_after_format? ("seconds" | "http-date") }
//   POST /__emulator/stall                { stalled: boolean, origin?: "api" | "web" | "both" ("api") }: requests to a
//                                         stalled origin (not these controls) are never answered; ending the stall
//                                         closes their connections
//   POST /__emulator/memberships          { user_id, organization_id, member: boolean }: removes (false) or restores
//                                         (true) a seeded membership, as Polar's soft delete; no token is revoked
//   POST /__emulator/sso-enforcement      { organization_id, enforced: boolean }: turning it on revokes the tokens
//                                         down-scoped to the organization and hides it from unrestricted tokens and
//                                         the consent page → { organization_id, enforced, revoked_grants }
//   POST /__emulator/legacy-organization-token   { organization_id, user_id?, scope?, client_id? } → a token response
//   POST /__emulator/revoke               { refresh_token } | { access_token } | { user_id } | { organization_id }
//   GET  /__emulator/stats                counters since start / last reset
//   POST /__emulator/stats/reset          zero the counters only
//   POST /__emulator/reset                everything back to a fresh start: tokens, grants, sessions, consents,
//                                         registered clients, and all these controls change (state.ts `reset`;
//                                         stalls end as at /stall, closing the requests they held)
import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import { LOCAL_CLIENT } from "./client.ts";
import { readParams, sendJson } from "./http.ts";
import { findClient } from "./directory.ts";
import { deleteGrants } from "./grants.ts";
import { checkLatencyProfile } from "./latency.ts";
import { issueLegacyOrganizationToken, LegacyTokenError } from "./legacy-tokens.ts";
import { MembershipError, setMembership } from "./memberships.ts";
import { defaultBudget, RATE_LIMIT_GROUPS, type RateLimitGroup } from "./rate-limit-rules.ts";
import { API_ROUTES } from "./routes.ts";
import { setSsoEnforcement } from "./sso.ts";
import { apiVersions } from "./versions.ts";
import { setStalled } from "./stall.ts";
import {
  emptyStats,
  type EmulatorState,
  type ForcedApiFailure,
  type ForcedRevocationFailure,
  type Origin,
  type Settings,
} from "./state.ts";

class BadRequest extends Error {}

/** Integer settings; a `nullable` one takes null to go back to Polar's behaviour. */
const SETTINGS: Record<string, { key: keyof Settings; min: number; nullable?: true }> = {
  access_token_ttl: { key: "accessTokenTtl", min: 1, nullable: true },
  code_ttl: { key: "codeTtl", min: 1 },
  clock_skew_seconds: { key: "clockSkewSeconds", min: -Infinity },
  latency_ms: { key: "latencyMs", min: 0 },
  rate_limit_per_minute: { key: "rateLimitPerMinute", min: 0, nullable: true },
};
const API_FAILURE_STATUSES = new Set([401, 403, 404, 429, 500, 502, 503]);
const REVOCATION_FAILURE_STATUSES = new Set([401, 500, 503]);

function settingsView(state: EmulatorState): Record<string, unknown> {
  const { settings } = state;
  return {
    access_token_ttl: settings.accessTokenTtl,
    code_ttl: settings.codeTtl,
    clock_skew_seconds: settings.clockSkewSeconds,
    latency_ms: settings.latencyMs,
    latency_path: settings.latencyPath ?? null,
    rate_limit_per_minute: settings.rateLimitPerMinute ?? defaultBudget(state.rateLimitProfile),
  };
}

function integer(body: Record<string, unknown>, name: string, min: number, fallback?: number): number {
  const value = body[name] ?? fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw new BadRequest(`${name} must be an integer${Number.isFinite(min) ? ` ≥ ${min}` : ""}`);
  }
  return value;
}

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || value === "") throw new BadRequest(`${name} must be a non-empty string`);
  return value;
}

export function createControls(provider: Provider, state: EmulatorState) {
  function updateSettings(body: Record<string, unknown>): void {
    for (const name of Object.keys(body)) {
      if (name !== "latency_path" && !(name in SETTINGS)) throw new BadRequest(`unknown setting ${name}`);
    }
    const next = { ...state.settings };
    for (const [name, { key, min, nullable }] of Object.entries(SETTINGS)) {
      if (!(name in body)) continue;
      (next[key] as number | null) = nullable && body[name] === null ? null : integer(body, name, min);
    }
    if ("latency_path" in body) next.latencyPath = optionalString(body, "latency_path");
    state.settings = next;
  }

  async function revokeGrants(body: Record<string, unknown>): Promise<number> {
    const grantIds = new Set<string>();
    const refreshToken = optionalString(body, "refresh_token");
    const accessToken = optionalString(body, "access_token");
    const userId = optionalString(body, "user_id");
    const organizationId = optionalString(body, "organization_id");
    if (!refreshToken && !accessToken && !userId && !organizationId) {
      throw new BadRequest("give one of refresh_token, access_token, user_id, organization_id");
    }
    if (refreshToken) {
      const token = await provider.RefreshToken.find(refreshToken, { ignoreExpiration: true });
      if (token?.grantId) grantIds.add(token.grantId);
    }
    if (accessToken) {
      const token = await provider.AccessToken.find(accessToken, { ignoreExpiration: true });
      if (token?.grantId) grantIds.add(token.grantId);
    }
    for (const [grantId, subject] of state.subjects) {
      if (userId && subject.userId === userId) grantIds.add(grantId);
      const organizationIds =
        subject.type === "organization" ? [subject.organizationId] : subject.organizationIds;
      if (organizationId && organizationIds.includes(organizationId)) grantIds.add(grantId);
    }
    deleteGrants(state, grantIds);
    return grantIds.size;
  }

  return async function handleControl(
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
  ): Promise<boolean> {
    if (!pathname.startsWith(`${API_ROUTES.controls}/`)) return false;
    const action = `${req.method} ${pathname.slice(API_ROUTES.controls.length)}`;
    try {
      let body: Record<string, unknown> = {};
      if (req.method === "POST") {
        body = await readParams(req).catch(() => {
          throw new BadRequest("body must be a JSON object");
        });
      }
      switch (action) {
        case "GET /settings":
          sendJson(res, 200, settingsView(state));
          return true;
        case "POST /settings":
          updateSettings(body);
          sendJson(res, 200, settingsView(state));
          return true;
        case "GET /latency":
          sendJson(res, 200, state.latency);
          return true;
        case "POST /latency":
          try {
            state.latency = checkLatencyProfile(body);
          } catch (error) {
            throw new BadRequest((error as Error).message);
          }
          sendJson(res, 200, state.latency);
          return true;
        case "GET /api-versions":
          sendJson(res, 200, state.apiVersions);
          return true;
        case "POST /api-versions": {
          const accepted = body["accepted"];
          if (!Array.isArray(accepted) || !accepted.every((version) => typeof version === "string"))
            throw new BadRequest("accepted must be a list of YYYY-MM versions");
          const preferred = optionalString(body, "default");
          if (preferred !== undefined && !accepted.includes(preferred))
            throw new BadRequest("default must be one of the accepted versions");
          try {
            state.apiVersions = apiVersions(accepted as string[], preferred ?? state.apiVersions.default);
          } catch (error) {
            throw new BadRequest((error as Error).message);
          }
          sendJson(res, 200, state.apiVersions);
          return true;
        }
        case "POST /rate-limit-groups": {
          const clientId = optionalString(body, "client_id");
          const group = body["group"];
          if (!clientId || !findClient(state, clientId))
            throw new BadRequest("client_id must name a known client");
          if (!RATE_LIMIT_GROUPS.includes(group as RateLimitGroup))
            throw new BadRequest(`group must be one of ${RATE_LIMIT_GROUPS.join(", ")}`);
          state.clientGroups.set(clientId, group as RateLimitGroup);
          sendJson(res, 200, { client_id: clientId, group });
          return true;
        }
        case "POST /token-failures": {
          const error = optionalString(body, "error") ?? "invalid_grant";
          const status = integer(body, "status", 400, error === "server_error" ? 500 : 400);
          const count = integer(body, "count", 1, 1);
          const description = optionalString(body, "error_description");
          const grantType = optionalString(body, "grant_type");
          for (let i = 0; i < count; i++) {
            state.tokenFailures.push({
              status,
              error,
              ...(description ? { error_description: description } : {}),
              ...(grantType ? { grant_type: grantType } : {}),
            });
          }
          sendJson(res, 200, { queued: state.tokenFailures.length });
          return true;
        }
        case "POST /token-delays": {
          const delayMs = integer(body, "delay_ms", 0);
          const count = integer(body, "count", 1, 1);
          const grantType = optionalString(body, "grant_type");
          if (body["drop"] !== undefined && typeof body["drop"] !== "boolean")
            throw new BadRequest("drop must be true or false");
          for (let i = 0; i < count; i++) {
            state.tokenDelays.push({
              delayMs,
              drop: body["drop"] === true,
              ...(grantType ? { grant_type: grantType } : {}),
            });
          }
          sendJson(res, 200, { queued: state.tokenDelays.length });
          return true;
        }
        case "POST /token-quirks": {
          if (body["omit_scope"] !== true) throw new BadRequest("omit_scope: true is the quirk on offer");
          const grantType = optionalString(body, "grant_type") ?? "refresh_token";
          const count = integer(body, "count", 1, 1);
          for (let i = 0; i < count; i++) state.tokenQuirks.push({ grant_type: grantType, omitScope: true });
          sendJson(res, 200, { queued: state.tokenQuirks.length });
          return true;
        }
        case "POST /revocation-failures": {
          const status = integer(body, "status", 400, 503);
          if (!REVOCATION_FAILURE_STATUSES.has(status))
            throw new BadRequest(`status must be one of ${[...REVOCATION_FAILURE_STATUSES].join(", ")}`);
          const count = integer(body, "count", 1, 1);
          for (let i = 0; i < count; i++)
            state.revocationFailures.push({ status: status as ForcedRevocationFailure["status"] });
          sendJson(res, 200, { queued: state.revocationFailures.length });
          return true;
        }
        case "POST /api-failures": {
          const status = integer(body, "status", 400);
          if (!API_FAILURE_STATUSES.has(status))
            throw new BadRequest(`status must be one of ${[...API_FAILURE_STATUSES].join(", ")}`);
          const path = optionalString(body, "path");
          const format = body["retry_after_format"] ?? "seconds";
          if (format !== "seconds" && format !== "http-date")
            throw new BadRequest('retry_after_format must be "seconds" or "http-date"');
          if (status !== 429 && ("retry_after" in body || "retry_after_format" in body))
            throw new BadRequest("retry_after and retry_after_format go with status 429");
          state.apiFailures.push({
            status: status as ForcedApiFailure["status"],
            remaining: integer(body, "count", 1, 1),
            ...(path ? { path } : {}),
            ...(status === 429
              ? { retryAfter: { seconds: integer(body, "retry_after", 0, 60), format } }
              : {}),
          });
          sendJson(res, 200, { queued: state.apiFailures.length });
          return true;
        }
        case "POST /stall": {
          if (typeof body["stalled"] !== "boolean") throw new BadRequest("stalled must be true or false");
          const origin = body["origin"] ?? "api";
          if (origin !== "api" && origin !== "web" && origin !== "both")
            throw new BadRequest('origin must be "api", "web" or "both"');
          for (const stalledOrigin of origin === "both" ? (["api", "web"] as const) : [origin as Origin])
            setStalled(state, stalledOrigin, body["stalled"]);
          sendJson(res, 200, { api: state.stalls.api !== null, web: state.stalls.web !== null });
          return true;
        }
        case "POST /memberships": {
          const userId = optionalString(body, "user_id");
          const organizationId = optionalString(body, "organization_id");
          if (!userId || !organizationId || typeof body["member"] !== "boolean")
            throw new BadRequest("give user_id, organization_id and member (true or false)");
          try {
            setMembership(state, userId, organizationId, body["member"]);
          } catch (error) {
            if (!(error instanceof MembershipError)) throw error;
            throw new BadRequest(error.message);
          }
          sendJson(res, 200, { user_id: userId, organization_id: organizationId, member: body["member"] });
          return true;
        }
        case "POST /sso-enforcement": {
          const organizationId = optionalString(body, "organization_id");
          if (!organizationId || typeof body["enforced"] !== "boolean")
            throw new BadRequest("give organization_id and enforced (true or false)");
          if (!state.data.findOrganization(organizationId))
            throw new BadRequest(`no organization ${organizationId}`);
          sendJson(res, 200, {
            organization_id: organizationId,
            enforced: body["enforced"],
            revoked_grants: setSsoEnforcement(state, organizationId, body["enforced"]),
          });
          return true;
        }
        case "POST /legacy-organization-token": {
          const organizationId = optionalString(body, "organization_id");
          if (!organizationId) throw new BadRequest("organization_id is required");
          const userId = optionalString(body, "user_id");
          const scope = optionalString(body, "scope");
          const tokens = await issueLegacyOrganizationToken(provider, state, {
            organizationId,
            clientId: optionalString(body, "client_id") ?? LOCAL_CLIENT.id,
            ...(userId ? { userId } : {}),
            ...(scope ? { scope } : {}),
          }).catch((error: unknown) => {
            throw error instanceof LegacyTokenError ? new BadRequest(error.message) : error;
          });
          sendJson(res, 200, tokens);
          return true;
        }
        case "POST /revoke":
          sendJson(res, 200, { revoked_grants: await revokeGrants(body) });
          return true;
        case "GET /stats":
          sendJson(res, 200, {
            token: state.stats.token,
            token_errors: state.stats.tokenErrors,
            api: state.stats.api,
            userinfo: state.stats.userinfo,
            revocations: state.stats.revocations,
            revocation_failures: state.stats.revocationFailures,
            authorizations: state.stats.authorizations,
            rate_limited: state.stats.rateLimited,
            stalled: state.stats.stalled,
          });
          return true;
        case "POST /stats/reset":
          state.stats = emptyStats();
          sendJson(res, 200, {});
          return true;
        case "POST /reset":
          for (const origin of ["web", "api"] as const) setStalled(state, origin, false);
          state.reset();
          sendJson(res, 200, {});
          return true;
        default:
          sendJson(res, 404, { error: "unknown_control", detail: `No control ${action}` });
          return true;
      }
    } catch (error) {
      if (!(error instanceof BadRequest)) throw error;
      sendJson(res, 400, { error: "bad_request", detail: error.message });
      return true;
    }
  };
}
