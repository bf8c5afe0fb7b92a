/// <reference path="./types/oidc-provider.d.ts" />
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { rejectInvalidAuthorizeRequest } from "./authorize-checks.ts";
import { discoveryDocument } from "./discovery.ts";
import { sendHtml, sendJson } from "./http.ts";
import { createInteractions } from "./interactions.ts";
import { createProvider } from "./provider.ts";
import { organizations } from "./data/seed.ts";
import { ROUTES } from "./routes.ts";
import { createState } from "./state.ts";
import { createTokenEndpoint, installResponseHooks } from "./token-endpoint.ts";
import { createApi } from "./api/router.ts";
import { createControls } from "./controls.ts";
import { createTokenManagement } from "./revocation.ts";
import { dashboardPage } from "./views/dashboard.ts";
import { homePage } from "./views/home.ts";

export interface EmulatorOptions {
  port?: number;
  host?: string;
  appUrl?: string;
  /** Seconds; Polar's access tokens last 1 hour. */
  accessTokenTtl?: number;
  /** Seconds; Polar's authorization codes last 10 minutes. */
  codeTtl?: number;
  quiet?: boolean;
  /** Serve the /__emulator/ test controls (default true). */
  controls?: boolean;
}

export interface RunningEmulator {
  url: string;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? "127.0.0.1";
  const appUrl = options.appUrl ?? "http://localhost:3000";
  const log = options.quiet ? () => {} : (line: string) => console.log(`[polar-emulator] ${line}`);

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 4111, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  const state = createState({
    accessTokenTtl: options.accessTokenTtl ?? 3600,
    codeTtl: options.codeTtl ?? 600,
    clockSkewSeconds: 0,
    latencyMs: 0,
    rateLimitUser: 1000,
    rateLimitOrganization: 5000,
    rateLimitWindowSeconds: 3600,
  });
  const { provider, key } = createProvider({ issuer, appUrl, state });
  installResponseHooks(provider, state, key);
  const handleToken = createTokenEndpoint(provider, state, log);
  const handleInteraction = createInteractions(provider, state);
  const handleApi = createApi(provider, state);
  const handleTokenManagement = createTokenManagement(provider, state);
  const handleControl = options.controls === false ? undefined : createControls(provider, state);
  const oidc = provider.callback();

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", issuer);
    const { pathname } = url;
    if (req.method === "GET" && pathname === "/") {
      sendHtml(res, 200, homePage({ issuer, appUrl, controls: handleControl !== undefined }));
      return;
    }
    if (req.method === "GET" && (pathname === ROUTES.dashboard || pathname.startsWith(`${ROUTES.dashboard}/`))) {
      const slug = pathname.split("/")[2];
      const organization = organizations.find((org) => org.slug === slug);
      sendHtml(res, organization ? 200 : 404, dashboardPage({ organization, path: pathname, appUrl }));
      return;
    }
    if (handleControl && (await handleControl(req, res, pathname))) return;
    if (req.method === "GET" && (pathname === ROUTES.openidConfiguration || pathname === ROUTES.authorizationServerMetadata)) {
      sendJson(res, 200, discoveryDocument(issuer), { "access-control-allow-origin": "*" });
      return;
    }
    if (pathname === ROUTES.token && req.method === "POST") {
      await handleToken(req, res);
      return;
    }
    if (req.method === "POST" && (pathname === ROUTES.revocation || pathname === ROUTES.introspection)) {
      await handleTokenManagement(req, res, pathname === ROUTES.revocation ? "revoke" : "introspect");
      return;
    }
    if (await handleInteraction(req, res, pathname)) return;
    if (req.method === "GET" && pathname === ROUTES.authorization && rejectInvalidAuthorizeRequest(url, res)) return;
    if (pathname.startsWith(ROUTES.authorization) || pathname === ROUTES.jwks || pathname === ROUTES.token) {
      oidc(req, res);
      return;
    }
    if (await handleApi(req, res, url)) return;
    sendJson(res, 404, { detail: "Not Found" });
  }

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const started = Date.now();
    res.on("finish", () => {
      const path = (req.url ?? "").split("?")[0];
      log(`${req.method} ${path} ${res.statusCode} ${Date.now() - started}ms`);
    });
    route(req, res).catch((error: unknown) => {
      log(`error on ${req.method} ${req.url?.split("?")[0]}: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { error: "server_error" });
      else res.end();
    });
  });

  return {
    url: issuer,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
