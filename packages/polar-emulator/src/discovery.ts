import { API_ROUTES, WEB_ROUTES } from "./routes.ts";
import { SCOPES_SUPPORTED } from "./scopes.ts";

// Field for field what Polar's /.well-known/openid-configuration and
// /.well-known/oauth-authorization-server return (oauth2/metadata.py
// `get_server_metadata`, authorization_server.py, constants.py): the issuer is
// the API origin (polar PR #14070), the authorization endpoint is on the web
// origin (FRONTEND_BASE_URL), authorization responses carry `iss` (RFC 9207,
// polar PR #14131). Polar builds its list fields from sets, so their order
// varies; these are one of its orders. `grant_types_supported` names the
// `web` grant Polar's dashboard uses, which the emulator does not serve.
export function discoveryDocument(origins: { issuer: string; webUrl: string }): Record<string, unknown> {
  const api = (path: string) => `${origins.issuer}${path}`;
  return {
    issuer: origins.issuer,
    authorization_endpoint: `${origins.webUrl}${WEB_ROUTES.authorization}`,
    token_endpoint: api(API_ROUTES.token),
    jwks_uri: api(API_ROUTES.jwks),
    registration_endpoint: api(API_ROUTES.registration),
    scopes_supported: SCOPES_SUPPORTED,
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: ["authorization_code", "refresh_token", "web"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
    service_documentation: "https://polar.sh/docs",
    revocation_endpoint: api(API_ROUTES.revocation),
    revocation_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    introspection_endpoint: api(API_ROUTES.introspection),
    introspection_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    code_challenge_methods_supported: ["plain", "S256"],
    authorization_response_iss_parameter_supported: true,
    userinfo_endpoint: api(API_ROUTES.userinfo),
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    claims_supported: ["sub", "name", "email", "email_verified"],
  };
}
