// Drives the emulator's sign-in over plain HTTP, the way a browser would, for
// tests that don't want a browser: the authorization endpoint (on the web
// origin, found through the issuer's discovery document), the login page
// unless the browser is signed in, the consent page unless the user already
// granted the scopes, then the client's callback.
import { createHash, randomBytes } from "node:crypto";
import { LOCAL_CLIENT as CONFIDENTIAL_CLIENT, PUBLIC_CLIENT_ID } from "./client.ts";

export { CONFIDENTIAL_CLIENT, PUBLIC_CLIENT_ID };
export const APP_URL = "http://localhost:3000";
export const USER_REDIRECT_URI = `${APP_URL}/api/auth/callback/polar`;
export const ORG_REDIRECT_URI = `${APP_URL}/api/auth/callback/polar-organization`;

/**
 * Where a navigation ended: a page of the origin, or (then no response) the
 * first redirect it did not follow: one outside the origin, or one `follow`
 * turned down.
 */
export interface Landing {
  url: URL;
  response?: Response;
}

export interface OpenOptions {
  /** Which redirects inside the origin to follow; all by default. */
  follow?: (next: URL) => boolean;
}

/**
 * One browser on one origin (the emulator's web origin, or an app's): its
 * cookies, and navigation that follows redirects inside the origin. Sign in
 * twice with the same browser and the second time skips the login page.
 */
export class Browser {
  readonly cookies = new Map<string, string>();

  private store(response: Response): void {
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

  /** The Cookie header this browser sends. */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /** GETs `url`, or POSTs `form` to it, then follows redirects while they stay on `url`'s origin. */
  async open(
    url: URL,
    form?: Record<string, string | string[]>,
    { follow = () => true }: OpenOptions = {},
  ): Promise<Landing> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(form ?? {}))
      for (const item of [value].flat()) body.append(name, item);
    let response = await fetch(url, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: {
        cookie: this.cookieHeader(),
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body: form ? body.toString() : undefined,
    });
    this.store(response);
    let current = url;
    for (let hops = 0; hops < 10; hops++) {
      const location = response.headers.get("location");
      if (!location || response.status < 300 || response.status >= 400) break;
      current = new URL(location, current);
      if (current.origin !== url.origin || !follow(current)) return { url: current };
      response = await fetch(current, { redirect: "manual", headers: { cookie: this.cookieHeader() } });
      this.store(response);
    }
    return { url: current, response };
  }
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

const discoveries = new Map<string, Promise<Record<string, unknown>>>();

/** The issuer's /.well-known/openid-configuration, fetched once per issuer. */
export function discover(issuer: string): Promise<Record<string, unknown>> {
  let document = discoveries.get(issuer);
  if (!document) {
    document = fetch(new URL("/.well-known/openid-configuration", issuer)).then(async (response) => {
      if (!response.ok) throw new Error(`discovery at ${issuer} answered ${response.status}`);
      return (await response.json()) as Record<string, unknown>;
    });
    document.catch(() => discoveries.delete(issuer));
    discoveries.set(issuer, document);
  }
  return document;
}

export interface AuthorizeOptions {
  clientId?: string;
  redirectUri?: string;
  /** "openid profile email" by default; null sends no scope (Polar then uses the client's registered scopes). */
  scope?: string | null;
  subType?: "user" | "organization" | string;
  /** Who signs in when the login page shows. */
  userId?: string;
  /** Or who signs in, by the email the login page lists them under. */
  userEmail?: string;
  /**
   * The organization picked on the consent page (sub_type=organization); by
   * default the one the page checks, as a browser would send it (a user in a
   * single organization), else none.
   */
  organizationId?: string;
  /**
   * sub_type=user: the organizations checked under "Specific organizations"
   * on the consent page, which down-scope the token; by default none ("All
   * organizations", an unrestricted token), as a browser that just clicks Allow.
   */
  organizationIds?: string[];
  deny?: boolean;
  /**
   * Sent as `prompt`. Defaults to "consent" for sub_type=organization or with
   * `organizationIds`, as an app must send it (remembered consent would skip
   * the organization picker), and to no prompt otherwise; null sends none.
   */
  prompt?: string | null;
  codeChallenge?: string | null;
  /** S256 by default; "plain" sends the challenge as is (give the verifier as `codeChallenge`); null sends no method. */
  codeChallengeMethod?: "S256" | "plain" | null;
  state?: string;
  nonce?: string;
  extraParams?: Record<string, string>;
  /** The browser whose cookies the flow uses; a fresh one (nobody signed in) by default. */
  browser?: Browser;
}

export interface AuthorizeResult {
  /** The URL the browser lands on outside the emulator (the client's redirect URI with code/state or error). */
  callback: URL;
  /** HTML of the login page and of the consent page, "" for a page that did not show. */
  loginHtml: string;
  consentHtml: string;
}

export async function authorizeUrl(issuer: string, options: AuthorizeOptions): Promise<URL> {
  const url = new URL(String((await discover(issuer))["authorization_endpoint"]));
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", options.clientId ?? CONFIDENTIAL_CLIENT.id);
  url.searchParams.set("redirect_uri", options.redirectUri ?? USER_REDIRECT_URI);
  const scope = options.scope === undefined ? "openid profile email" : options.scope;
  if (scope !== null) url.searchParams.set("scope", scope);
  if (options.subType) url.searchParams.set("sub_type", options.subType);
  const picks = options.subType === "organization" || options.organizationIds !== undefined;
  const prompt = options.prompt === undefined ? (picks ? "consent" : null) : options.prompt;
  if (prompt !== null) url.searchParams.set("prompt", prompt);
  if (options.codeChallenge !== null) {
    url.searchParams.set("code_challenge", options.codeChallenge ?? pkcePair().challenge);
    if (options.codeChallengeMethod !== null)
      url.searchParams.set("code_challenge_method", options.codeChallengeMethod ?? "S256");
  }
  if (options.state) url.searchParams.set("state", options.state);
  if (options.nonce) url.searchParams.set("nonce", options.nonce);
  for (const [key, value] of Object.entries(options.extraParams ?? {})) url.searchParams.set(key, value);
  return url;
}

/**
 * Login page fields: `user_id` (one seeded user's id). Consent page fields:
 * `action`, `organizations`, and for sub_type=user `organization_access`
 * ("all", the default, or "specific" with the checked `organizations`).
 */
export const isLoginPage = (html: string) => html.includes('name="user_id"');
export const isConsentPage = (html: string) => html.includes('name="action"');

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The `user_id` the login page posts for the user listed under `email`: a seeded person's button or a load-test option. */
export function loginUserId(html: string, email: string): string {
  const listed = escapeRegExp(email);
  const match =
    new RegExp(`<option value="([^"]+)">${listed}</option>`).exec(html) ??
    new RegExp(
      `<span>${listed}</span></span>\\s*<form[^>]*>\\s*<input type="hidden" name="user_id" value="([^"]+)">`,
    ).exec(html);
  if (!match?.[1]) throw new Error(`the login page lists no user ${email}`);
  return match[1];
}

/** The organization radio the consent page checks (the user's only organization), if any. */
export function checkedOrganizationId(html: string): string | undefined {
  return /<input type="radio" name="organizations" value="([^"]+)" required checked/.exec(html)?.[1];
}

/**
 * Runs an authorization in a browser: signs in as `userId` if the login page
 * shows, answers the consent page if it shows, and returns where the browser
 * lands outside the emulator.
 */
export async function authorize(issuer: string, options: AuthorizeOptions): Promise<AuthorizeResult> {
  return completeAuthorization(await authorizeUrl(issuer, options), options);
}

/**
 * authorize() from an authorization URL a client built (an app's sign-in
 * redirect): opens it in `options.browser` and answers the emulator's pages.
 */
export async function completeAuthorization(
  url: URL,
  options: Pick<
    AuthorizeOptions,
    "userId" | "userEmail" | "organizationId" | "organizationIds" | "deny" | "browser"
  >,
): Promise<AuthorizeResult> {
  const browser = options.browser ?? new Browser();
  let loginHtml = "";
  let consentHtml = "";
  let page = await browser.open(url);
  for (let step = 0; step < 4; step++) {
    if (!page.response) return { callback: page.url, loginHtml, consentHtml };
    const html = await page.response.text();
    if (page.response.status >= 400) {
      const code = /<code>([^<]*)<\/code>/.exec(html)?.[1];
      const description = /class="muted"[^>]*>([^<]*)</.exec(html)?.[1];
      const alert =
        /role="alert">([^<]*)</.exec(html)?.[1] ??
        (code ? `${code}${description ? `: ${description}` : ""}` : html.slice(0, 200));
      throw new Error(`emulator answered ${page.response.status} at ${page.url.pathname}: ${alert}`);
    }
    if (isConsentPage(html)) {
      consentHtml = html;
      const organization = options.organizationId ?? checkedOrganizationId(html);
      const specific = options.organizationIds && {
        organization_access: "specific",
        organizations: options.organizationIds,
      };
      page = await browser.open(new URL(`${page.url.href}/confirm`), {
        action: options.deny ? "deny" : "allow",
        ...(specific ?? (organization ? { organizations: organization } : {})),
      });
    } else if (isLoginPage(html)) {
      loginHtml = html;
      const userId = options.userId ?? (options.userEmail ? loginUserId(html, options.userEmail) : undefined);
      if (!userId)
        throw new Error("the login page showed, but no userId or userEmail was given to sign in with");
      page = await browser.open(new URL(`${page.url.href}/login`), { user_id: userId });
    } else {
      throw new Error(`unexpected page at ${page.url.pathname}: ${html.slice(0, 200)}`);
    }
  }
  throw new Error("the authorization did not come back to the client");
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

/**
 * A form POST to one of the API origin's OAuth endpoints (token, revoke,
 * introspect), authenticating a seeded client: the confidential one by
 * client_secret_post or _basic, or the public one ("none").
 */
export function oauthPost(
  issuer: string,
  path: string,
  params: Record<string, string>,
  clientAuth: ClientAuth = "post",
): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  const body = new URLSearchParams(params);
  if (clientAuth === "basic") {
    headers["authorization"] =
      `Basic ${Buffer.from(`${CONFIDENTIAL_CLIENT.id}:${CONFIDENTIAL_CLIENT.secret}`).toString("base64")}`;
  } else if (clientAuth === "post") {
    body.set("client_id", CONFIDENTIAL_CLIENT.id);
    body.set("client_secret", CONFIDENTIAL_CLIENT.secret);
  } else {
    body.set("client_id", PUBLIC_CLIENT_ID);
  }
  return fetch(new URL(path, issuer), { method: "POST", headers, body });
}

/** POST /v1/oauth2/token. */
export function tokenRequest(
  issuer: string,
  params: Record<string, string>,
  clientAuth: ClientAuth = "post",
): Promise<Response> {
  return oauthPost(issuer, "/v1/oauth2/token", params, clientAuth);
}

/** Authorize and exchange the code: what an app does on sign-in. */
export async function authorizationCodeTokens(
  issuer: string,
  options: AuthorizeOptions & { clientAuth?: ClientAuth },
): Promise<TokenSet> {
  const { verifier, challenge } = pkcePair();
  const clientAuth = options.clientAuth ?? "post";
  const redirectUri =
    options.redirectUri ?? (options.subType === "organization" ? ORG_REDIRECT_URI : USER_REDIRECT_URI);
  const { callback } = await authorize(issuer, {
    ...options,
    redirectUri,
    clientId: clientAuth === "none" ? PUBLIC_CLIENT_ID : options.clientId,
    codeChallenge: challenge,
  });
  const code = callback.searchParams.get("code");
  if (!code) throw new Error(`authorization failed: ${callback.search}`);
  const response = await tokenRequest(
    issuer,
    { grant_type: "authorization_code", code, redirect_uri: redirectUri, code_verifier: verifier },
    clientAuth,
  );
  if (!response.ok) throw new Error(`token exchange failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as TokenSet;
}

export async function refresh(
  issuer: string,
  refreshToken: string,
  clientAuth: ClientAuth = "post",
): Promise<Response> {
  return tokenRequest(issuer, { grant_type: "refresh_token", refresh_token: refreshToken }, clientAuth);
}

/** Calls a test control on the API origin (the issuer). */
export async function control(issuer: string, path: string, body?: unknown): Promise<Response> {
  return fetch(new URL(`/__emulator/${path}`, issuer), {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
