/// <reference path="./types/oidc-provider.d.ts" />
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createApiOrigin } from "./api-origin.ts";
import { createDataset } from "./data/dataset.ts";
import { sendJson } from "./http.ts";
import { createInteractions } from "./interactions.ts";
import { createLog } from "./log.ts";
import { checkLatencyProfile, POLAR_LATENCY, type LatencyProfile } from "./latency.ts";
import { createProvider } from "./provider.ts";
import type { RateLimitProfile } from "./rate-limit-rules.ts";
import { holdIfStalled } from "./stall.ts";
import { createState, type EmulatorState, type Origin } from "./state.ts";
import { createTokenEndpoint, installResponseHooks } from "./token-endpoint.ts";
import { bearerError } from "./api/auth.ts";
import { createApi } from "./api/router.ts";
import { createControls } from "./controls.ts";
import { createRegistration } from "./registration.ts";
import { createTokenManagement } from "./revocation.ts";
import { apiVersions, POLAR_API_VERSIONS } from "./versions.ts";
import { createWebOrigin } from "./web-origin.ts";
import { API_ROUTES } from "./routes.ts";

export interface EmulatorOptions {
  /** The web origin's port (polar.sh: authorization pages). 0 picks a free port. Default 4111. */
  port?: number;
  /** The API origin's port (api.polar.sh, the issuer). 0 picks a free port; default the web port + 1 (4112), or 0 when `port` is 0. */
  apiPort?: number;
  host?: string;
  appUrl?: string;
  /** Seconds, for every access token; by default Polar's: 864000 from the code exchange, 3600 from a refresh. */
  accessTokenTtl?: number;
  /** Seconds; Polar's authorization codes last 300 (authlib). */
  codeTtl?: number;
  /** Generated users for load tests (load-user-001@example.com, …); none by default. */
  loadUsers?: number;
  /** Generated organizations the load-test users are spread over (load-org-01, …); one per 10 users by default. */
  loadOrganizations?: number;
  /** Which of Polar's rate limit rules apply (rate-limit-rules.ts): production (default, `default` group 500/min) or sandbox (100/min). */
  rateLimitProfile?: RateLimitProfile;
  /**
   * How long Polar takes per path prefix on the API origin, in milliseconds (the
   * longest matching prefix wins). By default Polar's: `/v1/metrics/` 5000, the rest 0.
   */
  latency?: LatencyProfile;
  /** The `Polar-Version`s accepted (YYYY-MM); Polar's by default, 2026-04 and 2026-10. */
  apiVersions?: string[];
  quiet?: boolean;
  /** Serve the /__emulator/ test controls (default true). */
  controls?: boolean;
}

export interface RunningEmulator {
  /** The web origin, as https://polar.sh: the authorization endpoint and dashboard pages. */
  webUrl: string;
  /** The API origin, as https://api.polar.sh: the issuer, token endpoint, API and test controls. */
  apiUrl: string;
  close(): Promise<void>;
}

const USERS_PER_LOAD_ORGANIZATION = 10;

type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

async function listen(port: number, host: string): Promise<{ server: Server; url: string }> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = (server.address() as AddressInfo).port;
  return { server, url: `http://${host.includes(":") ? `[${host}]` : host}:${address}` };
}

function serve(
  server: Server,
  origin: string,
  label: Origin,
  route: Route,
  state: EmulatorState,
  log: (line: string) => void,
): void {
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", origin);
    const control = label === "api" && url.pathname.startsWith(`${API_ROUTES.controls}/`);
    if (!control && holdIfStalled(state, label, res)) return;
    const started = Date.now();
    res.on("finish", () => {
      log(`${label} ${req.method} ${url.pathname} ${res.statusCode} ${Date.now() - started}ms`);
    });
    route(req, res, url).catch((error: unknown) => {
      log(
        `error on ${label} ${req.method} ${url.pathname}: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (!res.headersSent) sendJson(res, 500, { error: "server_error" });
      else res.end();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? "127.0.0.1";
  const appUrl = options.appUrl ?? "http://localhost:3000";
  const log = createLog(options.quiet === true);
  const webPort = options.port ?? 4111;
  const latency = checkLatencyProfile(options.latency ?? POLAR_LATENCY);
  const versions = apiVersions(options.apiVersions ?? POLAR_API_VERSIONS);

  const web = await listen(webPort, host);
  const api = await listen(options.apiPort ?? (webPort === 0 ? 0 : webPort + 1), host).catch(
    async (error: unknown) => {
      await close(web.server);
      throw error;
    },
  );
  const issuer = api.url;

  const loadUsers = options.loadUsers ?? 0;
  const data = createDataset({
    users: loadUsers,
    organizations: options.loadOrganizations ?? Math.ceil(loadUsers / USERS_PER_LOAD_ORGANIZATION),
  });
  const state = createState(data, {
    settings: {
      accessTokenTtl: options.accessTokenTtl ?? null,
      codeTtl: options.codeTtl ?? 300,
      clockSkewSeconds: 0,
      latencyMs: 0,
      rateLimitPerMinute: null,
    },
    latency,
    apiVersions: versions,
    rateLimitProfile: options.rateLimitProfile ?? "production",
  });
  const { provider, key } = createProvider({ issuer, appUrl, state });
  installResponseHooks(provider, state, key);
  const oidc = provider.callback();
  const controls = options.controls !== false;

  serve(
    web.server,
    web.url,
    "web",
    createWebOrigin({
      state,
      data,
      issuer,
      appUrl,
      controls,
      oidc,
      handleInteraction: createInteractions(provider, state),
    }),
    state,
    log,
  );
  serve(
    api.server,
    api.url,
    "api",
    createApiOrigin({
      issuer,
      webUrl: web.url,
      oidc,
      state,
      handleToken: createTokenEndpoint(provider, state, log),
      handleTokenManagement: createTokenManagement(provider, state),
      handleRegistration: createRegistration(state, issuer),
      handleApi: createApi(provider, state),
      bearerError: (req) => bearerError(req, provider, state),
      ...(controls ? { handleControl: createControls(provider, state) } : {}),
    }),
    state,
    log,
  );

  return {
    webUrl: web.url,
    apiUrl: issuer,
    close: async () => {
      await Promise.all([close(web.server), close(api.server)]);
    },
  };
}
