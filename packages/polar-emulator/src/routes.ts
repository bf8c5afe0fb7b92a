// Polar's paths: the web app (polar.sh) and the API (api.polar.sh) share one origin here.
export const ROUTES = {
  authorization: "/oauth2/authorize",
  token: "/v1/oauth2/token",
  userinfo: "/v1/oauth2/userinfo",
  revocation: "/v1/oauth2/revoke",
  jwks: "/.well-known/jwks.json",
  introspection: "/v1/oauth2/introspect",
  interaction: "/oauth2/interaction",
  openidConfiguration: "/.well-known/openid-configuration",
  authorizationServerMetadata: "/.well-known/oauth-authorization-server",
  controls: "/__emulator",
  /** Polar's web dashboard (polar.sh/dashboard/<slug>/…): a stand-in page here. */
  dashboard: "/dashboard",
} as const;
