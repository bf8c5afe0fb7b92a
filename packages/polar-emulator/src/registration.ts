// POST /v1/oauth2/register: dynamic client registration (RFC 7591), anonymous
// allowed, as Polar's (oauth2/endpoints/oauth2.py `create`, authorization_server.py
// ClientRegistrationEndpoint over authlib's). The body is first validated as
// oauth2/schemas.py OAuth2ClientConfiguration (FastAPI's 422: https redirect
// URIs unless localhost or a private IPv4, the literal fields), then by authlib
// (a scope outside SCOPES_SUPPORTED is 400 invalid_client_metadata). The answer
// is 201 with the registered metadata, the client id and (confidential clients
// only: Polar drops them for `none`) secret, and a registration token. The
// client is then known to the authorization and token endpoints like a seeded
// one, until a reset. Only the RFC 7591 claims are kept (authlib's
// `get_registered_claims`), so `default_sub_type` is not stored.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, validationError } from "./api/errors.ts";
import { sendApiError } from "./api/router.ts";
import { OAUTH_NO_STORE, readBody, sendJson } from "./http.ts";
import { API_ROUTES } from "./routes.ts";
import { parseScope, SCOPES_SUPPORTED } from "./scopes.ts";
import type { EmulatorState, RegisteredClient } from "./state.ts";

const AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"] as const;
const GRANT_TYPES = ["authorization_code", "refresh_token"] as const;

/** oauth2/constants.py prefixes. */
const token = (prefix: string) => prefix + randomBytes(32).toString("base64url");

function isLocal(host: string): boolean {
  const octets = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host)?.slice(1).map(Number);
  if (octets) {
    const [a = 0, b = 0] = octets;
    // Python's ipaddress IPv4Address.is_private: loopback, RFC 1918, link-local, "this network".
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254)
    );
  }
  return host === "localhost" || host.endsWith(".localhost");
}

function literal(value: unknown, allowed: readonly string[], loc: (string | number)[]): string {
  if (typeof value === "string" && allowed.includes(value)) return value;
  const expected = allowed
    .map((item) => `'${item}'`)
    .join(", ")
    .replace(/, ([^,]*)$/, " or $1");
  throw validationError(loc, `Input should be ${expected}`, "literal_error", value);
}

function url(value: unknown, loc: (string | number)[], httpsUnlessLocal: boolean): string {
  const parsed = typeof value === "string" && URL.canParse(value) ? new URL(value) : undefined;
  if (!parsed)
    throw validationError(
      loc,
      "Input should be a valid URL, relative URL without a base",
      "url_parsing",
      value,
    );
  if (httpsUnlessLocal && parsed.protocol === "http:" && !isLocal(parsed.hostname))
    throw validationError(loc, "Value error, An HTTPS URL is required.", "value_error", value);
  return value as string;
}

function list(value: unknown, loc: string, fallback?: readonly string[]): unknown[] {
  if (value === undefined && fallback) return [...fallback];
  if (value === undefined) throw validationError(["body", loc], "Field required", "missing", null);
  if (!Array.isArray(value))
    throw validationError(["body", loc], "Input should be a valid list", "list_type", value);
  return value;
}

/** The registered RFC 7591 metadata, in OAuth2ClientConfiguration's field order. */
function clientMetadata(body: Record<string, unknown>): Record<string, unknown> {
  const redirectUris = list(body["redirect_uris"], "redirect_uris").map((uri, i) =>
    url(uri, ["body", "redirect_uris", i], true),
  );
  const method = literal(body["token_endpoint_auth_method"] ?? "client_secret_post", AUTH_METHODS, [
    "body",
    "token_endpoint_auth_method",
  ]);
  const grantTypes = list(body["grant_types"], "grant_types", GRANT_TYPES).map((grant, i) =>
    literal(grant, GRANT_TYPES, ["body", "grant_types", i]),
  );
  const responseTypes = list(body["response_types"], "response_types", ["code"]).map((type, i) =>
    literal(type, ["code"], ["body", "response_types", i]),
  );
  const scope = body["scope"] ?? SCOPES_SUPPORTED.join(" ");
  if (typeof scope !== "string")
    throw validationError(["body", "scope"], "Input should be a valid string", "string_type", scope);
  const name = body["client_name"];
  if (name === undefined) throw validationError(["body", "client_name"], "Field required", "missing", null);
  if (typeof name !== "string")
    throw validationError(["body", "client_name"], "Input should be a valid string", "string_type", name);
  if (body["default_sub_type"] !== undefined)
    literal(body["default_sub_type"], ["user", "organization"], ["body", "default_sub_type"]);
  const optional: Record<string, unknown> = {};
  if (typeof body["client_uri"] === "string") optional["client_uri"] = body["client_uri"];
  for (const field of ["logo_uri", "tos_uri", "policy_uri"]) {
    if (body[field] !== undefined && body[field] !== null)
      optional[field] = url(body[field], ["body", field], false);
  }
  return {
    redirect_uris: redirectUris,
    token_endpoint_auth_method: method,
    grant_types: grantTypes,
    response_types: responseTypes,
    scope,
    client_name: name,
    ...optional,
  };
}

export function createRegistration(state: EmulatorState, issuer: string) {
  function register(body: unknown, res: ServerResponse): void {
    if (!body || typeof body !== "object" || Array.isArray(body))
      throw validationError(
        ["body"],
        "Input should be a valid dictionary or object to extract fields from",
        "model_attributes_type",
        body ?? null,
      );
    const metadata = clientMetadata(body as Record<string, unknown>);
    if (!parseScope(metadata["scope"] as string).every((scope) => SCOPES_SUPPORTED.includes(scope))) {
      sendJson(
        res,
        400,
        { error: "invalid_client_metadata", error_description: 'Invalid claim "scope"' },
        OAUTH_NO_STORE,
      );
      return;
    }

    const method = metadata["token_endpoint_auth_method"] as RegisteredClient["token_endpoint_auth_method"];
    const client: RegisteredClient = {
      client_id: token("polar_ci_"),
      client_secret: method === "none" ? null : token("polar_cs_"),
      client_name: metadata["client_name"] as string,
      token_endpoint_auth_method: method,
      scope: metadata["scope"] as string,
      redirect_uris: metadata["redirect_uris"] as string[],
      registration_access_token: token("polar_crt_"),
    };
    state.registeredClients.set(client.client_id, client);
    // oidc-provider finds clients it was not configured with through its adapter (adapter.ts).
    let records = state.models.get("Client");
    if (!records) state.models.set("Client", (records = new Map()));
    records.set(client.client_id, {
      payload: {
        client_id: client.client_id,
        ...(client.client_secret ? { client_secret: client.client_secret } : {}),
        client_name: client.client_name,
        redirect_uris: client.redirect_uris,
        grant_types: metadata["grant_types"],
        response_types: metadata["response_types"],
        token_endpoint_auth_method: method,
        id_token_signed_response_alg: "RS256",
      },
    });

    sendJson(
      res,
      201,
      {
        ...metadata,
        client_id: client.client_id,
        ...(client.client_secret
          ? {
              client_secret: client.client_secret,
              client_id_issued_at: Math.floor(Date.now() / 1000),
              client_secret_expires_at: 0,
            }
          : { client_id_issued_at: Math.floor(Date.now() / 1000) }),
        registration_client_uri: `${issuer}${API_ROUTES.registration}/${client.client_id}`,
        registration_access_token: client.registration_access_token,
      },
      OAUTH_NO_STORE,
    );
  }

  return async function handleRegistration(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    try {
      register(raw ? (JSON.parse(raw) as unknown) : undefined, res);
    } catch (error) {
      if (error instanceof SyntaxError) {
        sendApiError(res, validationError(["body", 0], "JSON decode error", "json_invalid", {}));
        return;
      }
      if (!(error instanceof ApiError)) throw error;
      sendApiError(res, error);
    }
  };
}
