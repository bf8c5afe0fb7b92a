import { createSign, type KeyObject } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type Provider from "oidc-provider";
import { OAUTH_NO_STORE, readBody, sendJson } from "./http.ts";
import { currentMembers } from "./memberships.ts";
import { API_ROUTES } from "./routes.ts";
import type { EmulatorState, TokenDelay } from "./state.ts";
import { pairTokens, revokeRow } from "./token-rows.ts";

export interface SigningKey {
  privateKey: KeyObject;
  kid: string;
}

interface TokenResponse {
  access_token?: string;
  expires_in?: number;
  id_token?: string;
  refresh_token?: string;
  scope?: string;
  token_type?: string;
}

function increment(counter: Record<string, number>, key: string): void {
  counter[key] = (counter[key] ?? 0) + 1;
}

// The same request, with its body already read, for oidc-provider to read again.
function replay(req: IncomingMessage, body: string): IncomingMessage {
  const copy = Readable.from([Buffer.from(body)]);
  return Object.assign(copy, {
    headers: req.headers,
    rawHeaders: req.rawHeaders,
    method: req.method,
    url: req.url,
    httpVersion: req.httpVersion,
    httpVersionMajor: req.httpVersionMajor,
    httpVersionMinor: req.httpVersionMinor,
    socket: req.socket,
    connection: req.socket,
  }) as unknown as IncomingMessage;
}

function shiftIdToken(idToken: string, skew: number, key: SigningKey): string {
  const [, payloadPart] = idToken.split(".");
  const payload = JSON.parse(Buffer.from(payloadPart ?? "", "base64url").toString("utf8")) as Record<
    string,
    unknown
  >;
  for (const claim of ["iat", "exp", "auth_time"]) {
    const value = payload[claim];
    if (typeof value === "number") payload[claim] = value + skew;
  }
  const header = Buffer.from(JSON.stringify({ alg: "RS256", typ: "JWT", kid: key.kid })).toString(
    "base64url",
  );
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  const signature = createSign("RSA-SHA256")
    .update(`${header}.${body}`)
    .sign(key.privateKey)
    .toString("base64url");
  return `${header}.${body}.${signature}`;
}

/**
 * Wraps POST /v1/oauth2/token: counts calls by grant type, answers forced
 * failures without touching any token, then lets oidc-provider do the work,
 * holding or dropping its answer when a token delay is queued.
 */
export function createTokenEndpoint(provider: Provider, state: EmulatorState, log: (line: string) => void) {
  const callback = provider.callback();

  provider.on("server_error", (_ctx: unknown, err: Error) => {
    log(`oidc-provider server error: ${err.stack ?? err.message}`);
  });
  provider.on(
    "grant.error",
    (_ctx: unknown, err: { error?: string; error_detail?: string; message?: string }) => {
      log(`token endpoint: ${err.error ?? "error"} (${err.error_detail ?? err.message ?? "no detail"})`);
    },
  );

  // Requests presenting the same refresh token are processed one after the
  // other, so of two concurrent refreshes exactly one wins and the other gets
  // invalid_grant, as with Polar's row update (no grace period). The next one
  // starts once the previous answer is ready, even if a delay holds it.
  const inFlight = new Map<string, Promise<void>>();

  return async function handleToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const params = new URLSearchParams(body);
    const grantType = params.get("grant_type") ?? "(none)";
    increment(state.stats.token, grantType);

    const refreshToken = grantType === "refresh_token" ? params.get("refresh_token") : null;
    let processed = () => {};
    if (refreshToken) {
      const previous = inFlight.get(refreshToken);
      const done = new Promise<void>((resolve) => (processed = resolve));
      res.once("close", processed);
      inFlight.set(refreshToken, done);
      void done.then(() => {
        if (inFlight.get(refreshToken) === done) inFlight.delete(refreshToken);
      });
      if (previous) await previous;
    }

    const index = state.tokenFailures.findIndex(
      (failure) => !failure.grant_type || failure.grant_type === grantType,
    );
    const failure = index >= 0 ? state.tokenFailures.splice(index, 1)[0] : undefined;
    if (failure) {
      increment(state.stats.tokenErrors, failure.error);
      const payload =
        failure.status >= 500
          ? { error: failure.error }
          : {
              error: failure.error,
              ...(failure.error_description ? { error_description: failure.error_description } : {}),
            };
      sendJson(res, failure.status, payload, OAUTH_NO_STORE);
      return;
    }
    holdAnswer(req, res, processed, takeDelay(state, grantType));
    if (refreshToken) migrateLegacySubject(state, refreshToken);
    callback(replay(req, body), res);
  };
}

function takeDelay(state: EmulatorState, grantType: string): TokenDelay | undefined {
  const index = state.tokenDelays.findIndex((delay) => !delay.grant_type || delay.grant_type === grantType);
  return index >= 0 ? state.tokenDelays.splice(index, 1)[0] : undefined;
}

/**
 * Lets the request be processed as usual (a refresh really rotates), calls
 * `processed` once the answer is ready, then holds the answer for the delay,
 * or, with `drop`, destroys the connection instead of answering.
 */
function holdAnswer(
  req: IncomingMessage,
  res: ServerResponse,
  processed: () => void,
  delay: TokenDelay | undefined,
): void {
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    processed();
    if (!delay) return end(...args);
    setTimeout(() => (delay.drop ? req.socket.destroy() : end(...args)), delay.delayMs);
    return res;
  }) as ServerResponse["end"];
}

/**
 * Polar refreshes a legacy organization token of an organization with exactly
 * one member into a user token of that member, down-scoped to the organization;
 * those of organizations with more members stay organization tokens
 * (grants/refresh_token.py `authenticate_user`). The subject changes before
 * oidc-provider mints the new pair, so they get the user prefixes.
 */
function migrateLegacySubject(state: EmulatorState, refreshToken: string) {
  const grantId = state.models.get("RefreshToken")?.get(refreshToken)?.payload["grantId"];
  const subject = typeof grantId === "string" ? state.subjects.get(grantId) : undefined;
  if (subject?.type !== "organization") return;
  const members = currentMembers(state, subject.organizationId);
  if (members.length === 1 && members[0]) {
    state.subjects.set(grantId as string, {
      type: "user",
      userId: members[0],
      organizationIds: [subject.organizationId],
    });
  }
}

/**
 * Makes oidc-provider's token responses look like Polar's: Polar's field
 * order (`scope` left out when a `token-quirks` control asks), no ID token on refresh (authlib's OpenID extension is only on the code
 * grant, polar/oauth2/grants/__init__.py). Also keeps Polar's token rows
 * (token-rows.ts): the pair just issued is one row, and a refresh revokes the
 * old row, so the old access token stops working at once.
 */
export function installResponseHooks(provider: Provider, state: EmulatorState, key: SigningKey): void {
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path !== API_ROUTES.token || ctx.method !== "POST") return;
    const body = ctx.body as TokenResponse & { error?: string };
    if (ctx.status >= 400) {
      if (body?.error) increment(state.stats.tokenErrors, body.error);
      return;
    }
    if (!body?.access_token) return;
    const grantType = ctx.oidc.params["grant_type"];
    const rotated = ctx.oidc.params["refresh_token"];
    if (grantType === "refresh_token" && typeof rotated === "string") revokeRow(state, rotated);
    if (body.refresh_token) pairTokens(state, body.access_token, body.refresh_token);
    const skew = state.settings.clockSkewSeconds;
    const idToken = grantType === "authorization_code" ? body.id_token : undefined;
    const quirk = state.tokenQuirks.findIndex((candidate) => candidate.grant_type === grantType);
    const omitScope = quirk >= 0 && state.tokenQuirks.splice(quirk, 1)[0]?.omitScope === true;
    ctx.body = {
      token_type: "Bearer",
      access_token: body.access_token,
      expires_in: body.expires_in,
      refresh_token: body.refresh_token,
      ...(omitScope ? {} : { scope: body.scope }),
      ...(idToken ? { id_token: skew ? shiftIdToken(idToken, skew, key) : idToken } : {}),
    };
  });
}
