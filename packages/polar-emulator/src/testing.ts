// Drives the emulator's sign-in over plain HTTP, the way a browser would, for
// tests that don't want a browser: authorize → account picker → consent → callback.
import { createHash, randomBytes } from "node:crypto";
import { LOCAL_CLIENT as CONFIDENTIAL_CLIENT, PUBLIC_CLIENT_ID } from "./client.ts";

export { CONFIDENTIAL_CLIENT, PUBLIC_CLIENT_ID };
export const APP_URL = "http://localhost:3000";
export const USER_REDIRECT_URI = `${APP_URL}/api/auth/callback/polar`;
export const ORG_REDIRECT_URI = `${APP_URL}/api/auth/callback/polar-organization`;

class CookieJar {
  readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (!pair || eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export interface AuthorizeOptions {
  clientId?: string;
  redirectUri?: string;
  scope?: string;
  subType?: "user" | "organization" | string;
  userId: string;
  organizationId?: string;
  deny?: boolean;
  codeChallenge?: string | null;
  state?: string;
  nonce?: string;
  extraParams?: Record<string, string>;
}

export interface AuthorizeResult {
  /** The URL the browser would land on (the client's redirect URI with code/state or error). */
  callback: URL;
  /** HTML of the account picker and of the consent page, for assertions on what the user saw. */
  loginHtml: string;
  consentHtml: string;
}

export function authorizeUrl(baseUrl: string, options: AuthorizeOptions): URL {
  const url = new URL("/oauth2/authorize", baseUrl);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", options.clientId ?? CONFIDENTIAL_CLIENT.id);
  url.searchParams.set("redirect_uri", options.redirectUri ?? USER_REDIRECT_URI);
  url.searchParams.set("scope", options.scope ?? "openid profile email");
  if (options.subType) url.searchParams.set("sub_type", options.subType);
  if (options.codeChallenge !== null) {
    url.searchParams.set("code_challenge", options.codeChallenge ?? pkcePair().challenge);
    url.searchParams.set("code_challenge_method", "S256");
  }
  if (options.state) url.searchParams.set("state", options.state);
  if (options.nonce) url.searchParams.set("nonce", options.nonce);
  for (const [key, value] of Object.entries(options.extraParams ?? {})) url.searchParams.set(key, value);
  return url;
}

/** Follows redirects inside the emulator; stops at the first URL outside it (the client's callback). */
export async function authorize(baseUrl: string, options: AuthorizeOptions): Promise<AuthorizeResult> {
  const jar = new CookieJar();
  const origin = new URL(baseUrl).origin;
  let loginHtml = "";
  let consentHtml = "";

  const request = async (url: string, form?: Record<string, string>): Promise<URL> => {
    let response = await fetch(url, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: {
        cookie: jar.header(),
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    jar.store(response);
    let current = new URL(url);
    for (let hops = 0; hops < 10; hops++) {
      const location = response.headers.get("location");
      if (!location || response.status < 300 || response.status >= 400) break;
      current = new URL(location, current);
      if (current.origin !== origin) return current;
      response = await fetch(current, { redirect: "manual", headers: { cookie: jar.header() } });
      jar.store(response);
    }
    const html = await response.text();
    if (response.status >= 400) {
      const alert = /role="alert">([^<]*)</.exec(html)?.[1] ?? /<code>([^<]*)<\/code>/.exec(html)?.[1] ?? html.slice(0, 200);
      throw new Error(`emulator answered ${response.status} at ${current.pathname}: ${alert}`);
    }
    if (html.includes('name="action"')) consentHtml = html;
    else if (html.includes('name="user_id"')) loginHtml = html;
    return current;
  };

  const interaction = await request(authorizeUrl(baseUrl, options).href);
  if (interaction.origin !== origin) return { callback: interaction, loginHtml, consentHtml };
  const consent = await request(`${interaction.href}/login`, { user_id: options.userId });
  if (consent.origin !== origin) return { callback: consent, loginHtml, consentHtml };
  const callback = await request(`${consent.href.replace(/\/$/, "")}/confirm`, {
    action: options.deny ? "deny" : "allow",
    ...(options.organizationId ? { organization_id: options.organizationId } : {}),
  });
  return { callback, loginHtml, consentHtml };
}

export interface TokenSet {
  token_type: string;
  access_token: string;
  expires_in: number;
  refresh_token: string;
  scope: string;
  id_token?: string;
}

export type ClientAuth = "post" | "basic" | "none";

/** POST /v1/oauth2/token as a form, authenticating the seeded client the chosen way. */
export async function tokenRequest(
  baseUrl: string,
  params: Record<string, string>,
  clientAuth: ClientAuth = "post",
): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  const body = new URLSearchParams(params);
  if (clientAuth === "basic") {
    headers["authorization"] = `Basic ${Buffer.from(`${CONFIDENTIAL_CLIENT.id}:${CONFIDENTIAL_CLIENT.secret}`).toString("base64")}`;
  } else if (clientAuth === "post") {
    body.set("client_id", CONFIDENTIAL_CLIENT.id);
    body.set("client_secret", CONFIDENTIAL_CLIENT.secret);
  } else {
    body.set("client_id", PUBLIC_CLIENT_ID);
  }
  return fetch(new URL("/v1/oauth2/token", baseUrl), { method: "POST", headers, body });
}

/** Authorize and exchange the code: what an app does on sign-in. */
export async function signIn(
  baseUrl: string,
  options: AuthorizeOptions & { clientAuth?: ClientAuth },
): Promise<TokenSet> {
  const { verifier, challenge } = pkcePair();
  const clientAuth = options.clientAuth ?? "post";
  const redirectUri = options.redirectUri ?? (options.subType === "organization" ? ORG_REDIRECT_URI : USER_REDIRECT_URI);
  const { callback } = await authorize(baseUrl, {
    ...options,
    redirectUri,
    clientId: clientAuth === "none" ? PUBLIC_CLIENT_ID : options.clientId,
    codeChallenge: challenge,
  });
  const code = callback.searchParams.get("code");
  if (!code) throw new Error(`authorization failed: ${callback.search}`);
  const response = await tokenRequest(
    baseUrl,
    { grant_type: "authorization_code", code, redirect_uri: redirectUri, code_verifier: verifier },
    clientAuth,
  );
  if (!response.ok) throw new Error(`token exchange failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as TokenSet;
}

export async function refresh(baseUrl: string, refreshToken: string, clientAuth: ClientAuth = "post"): Promise<Response> {
  return tokenRequest(baseUrl, { grant_type: "refresh_token", refresh_token: refreshToken }, clientAuth);
}

export async function control(baseUrl: string, path: string, body?: unknown): Promise<Response> {
  return fetch(new URL(`/__emulator/${path}`, baseUrl), {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
