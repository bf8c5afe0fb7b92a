// polar.sh: the authorization page with its login and consent steps, and the
// dashboard pages the app links to. Paths of the API origin are not found here.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Dataset } from "./data/dataset.ts";
import { prepareAuthorizeRequest } from "./authorize-checks.ts";
import { sendHtml } from "./http.ts";
import { WEB_ROUTES } from "./routes.ts";
import type { EmulatorState } from "./state.ts";
import { dashboardPage } from "./views/dashboard.ts";
import { errorPage } from "./views/error.ts";
import { FAVICON_SVG } from "./views/favicon.ts";
import { homePage } from "./views/home.ts";

export function createWebOrigin(options: {
  state: EmulatorState;
  data: Dataset;
  issuer: string;
  appUrl: string;
  controls: boolean;
  /** oidc-provider's request handler: the authorization endpoint and its resume steps. */
  oidc: (req: IncomingMessage, res: ServerResponse) => void;
  handleInteraction: (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<boolean>;
}) {
  const { issuer, appUrl, oidc } = options;
  return async function routeWeb(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const { pathname } = url;
    if (req.method === "GET" && pathname === WEB_ROUTES.favicon) {
      res.writeHead(200, { "content-type": "image/svg+xml", "cache-control": "public, max-age=86400" });
      res.end(FAVICON_SVG);
      return;
    }
    if (req.method === "GET" && pathname === WEB_ROUTES.home) {
      sendHtml(
        res,
        200,
        homePage({ data: options.data, issuer, webUrl: url.origin, appUrl, controls: options.controls }),
      );
      return;
    }
    if (
      req.method === "GET" &&
      (pathname === WEB_ROUTES.dashboard || pathname.startsWith(`${WEB_ROUTES.dashboard}/`))
    ) {
      const slug = pathname.split("/")[2];
      const organization = slug === undefined ? undefined : options.data.findOrganizationBySlug(slug);
      sendHtml(res, organization ? 200 : 404, dashboardPage({ organization, path: pathname, appUrl }));
      return;
    }
    if (await options.handleInteraction(req, res, pathname)) return;
    if (
      pathname === WEB_ROUTES.authorization &&
      req.method === "GET" &&
      prepareAuthorizeRequest(req, url, res, issuer, options.state)
    )
      return;
    if (pathname === WEB_ROUTES.authorization || pathname.startsWith(`${WEB_ROUTES.authorization}/`)) {
      oidc(req, res);
      return;
    }
    sendHtml(
      res,
      404,
      errorPage({
        title: "Page not found",
        error: "not_found",
        description: `Nothing at ${pathname} on polar.sh.`,
      }),
    );
  };
}
