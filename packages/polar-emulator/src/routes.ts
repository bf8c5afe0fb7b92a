// Polar's paths, on its two origins: the web app (polar.sh) serves the
// authorization pages, the API (api.polar.sh) everything else.
export const WEB_ROUTES = {
  home: "/",
  favicon: "/favicon.ico",
  authorization: "/oauth2/authorize",
  interaction: "/oauth2/interaction",
  /** Polar's web dashboard (polar.sh/dashboard/<slug>/…): a stand-in page here. */
  dashboard: "/dashboard",
} as const;

export const API_ROUTES = {
  openidConfiguration: "/.well-known/openid-configuration",
  authorizationServerMetadata: "/.well-known/oauth-authorization-server",
  jwks: "/.well-known/jwks.json",
  token: "/v1/oauth2/token",
  userinfo: "/v1/oauth2/userinfo",
  revocation: "/v1/oauth2/revoke",
  introspection: "/v1/oauth2/introspect",
  registration: "/v1/oauth2/register",
  api: "/v1/",
  controls: "/__emulator",
} as const;
