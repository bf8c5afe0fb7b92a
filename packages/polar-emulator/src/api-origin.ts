// api.polar.sh, the issuer: discovery and keys, the token, revocation and
// introspection endpoints, the REST API with userinfo, and the test controls.
// Paths of the web origin are not found here.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiError } from "./api/errors.ts";
import { sendApiError } from "./api/router.ts";
import { discoveryDocument } from "./discovery.ts";
import { sendJson } from "./http.ts";
import { waitAsProfiled } from "./latency.ts";
import { consumeRateLimit, sendRateLimited } from "./rate-limit.ts";
import { requestedVersion } from "./versions.ts";
import { API_ROUTES } from "./routes.ts";
import type { EmulatorState } from "./state.ts";

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function createApiOrigin(options: {
  issuer: string;
  webUrl: string;
  state: EmulatorState;
  /** oidc-provider's request handler: the JWKS. */
  oidc: (req: IncomingMessage, res: ServerResponse) => void;
  handleToken: Handler;
  handleRegistration: Handler;
  handleTokenManagement: (
    req: IncomingMessage,
    res: ServerResponse,
    action: "revoke" | "introspect",
  ) => Promise<void>;
  handleApi: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
  /** The 401 a bearer that is no live token gets on any path (api/auth.ts `bearerError`). */
  bearerError: (req: IncomingMessage) => Promise<ApiError | undefined>;
  handleControl?: (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<boolean>;
}) {
  const discovery = discoveryDocument({ issuer: options.issuer, webUrl: options.webUrl });
  return async function routeApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const { pathname } = url;
    if (options.handleControl && (await options.handleControl(req, res, pathname))) return;
    const version = requestedVersion(req, options.state.apiVersions);
    if (version === undefined) {
      sendJson(res, 404, { detail: "Not Found" });
      return;
    }
    res.setHeader("polar-version", version);
    // The REST API waits after authenticating (api/router.ts), so a cached metrics answer skips the wait.
    if (await options.handleApi(req, res, url)) return;
    if (pathname.startsWith("/v1")) {
      const retryAfter = consumeRateLimit(options.state, req);
      if (retryAfter !== undefined) {
        sendRateLimited(res, options.state, String(retryAfter));
        return;
      }
    }
    const refused = await options.bearerError(req);
    if (refused) {
      sendApiError(res, refused);
      return;
    }
    await waitAsProfiled(options.state.latency, pathname);
    await routeOther(req, res, pathname);
  };

  async function routeOther(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (
      req.method === "GET" &&
      (pathname === API_ROUTES.openidConfiguration || pathname === API_ROUTES.authorizationServerMetadata)
    ) {
      sendJson(res, 200, discovery, { "access-control-allow-origin": "*" });
      return;
    }
    if (req.method === "GET" && pathname === API_ROUTES.jwks) {
      options.oidc(req, res);
      return;
    }
    if (req.method === "POST" && pathname === API_ROUTES.registration) {
      await options.handleRegistration(req, res);
      return;
    }
    if (req.method === "POST" && pathname === API_ROUTES.token) {
      await options.handleToken(req, res);
      return;
    }
    if (
      req.method === "POST" &&
      (pathname === API_ROUTES.revocation || pathname === API_ROUTES.introspection)
    ) {
      await options.handleTokenManagement(
        req,
        res,
        pathname === API_ROUTES.revocation ? "revoke" : "introspect",
      );
      return;
    }
    sendJson(res, 404, { detail: "Not Found" });
  }
}
