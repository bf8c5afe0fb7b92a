// Signs a person in to the app over plain HTTP, as a browser would, through the
// real OAuth flow: Auth.js's own endpoints (GET /api/auth/csrf, then POST
// /api/auth/signin/<provider>), the emulator's login and consent pages, and
// the app's callback; then connects an organization the same way. No browser
// and no server-action ids. Redirects onto the app's pages are not followed:
// rendering them would spend Polar calls the caller may be counting.
import { Browser, completeAuthorization, type AuthorizeOptions } from "polar-emulator/testing";
import { ORGANIZATION_PROVIDER_ID, USER_PROVIDER_ID } from "../../lib/polar/flows.ts";

/** Who signs in on the emulator's pages, and which organization they connect (their only one by default). */
export type Person = Pick<AuthorizeOptions, "userId" | "userEmail" | "organizationId">;

export interface AppSession {
  /** The Cookie header of the signed-in browser. */
  cookie: string;
  /** The connected organization's slug: its dashboard is /dashboard/<slug>. */
  slug: string;
}

/** Follows Auth.js's own redirects, not those onto the app's pages. */
const authOnly = { follow: (next: URL) => next.pathname.startsWith("/api/auth/") };

/** One Auth.js sign-in with `providerId`, from the app's sign-in endpoint to its callback; returns where the callback sends the browser. */
async function signInFlow(
  appUrl: string,
  providerId: string,
  app: Browser,
  polar: Browser,
  person: Person,
): Promise<URL> {
  const csrf = await app.open(new URL("/api/auth/csrf", appUrl));
  const { csrfToken } = (await csrf.response?.json()) as { csrfToken: string };
  const form = { csrfToken, callbackUrl: new URL("/dashboard", appUrl).href };
  const authorization = await app.open(new URL(`/api/auth/signin/${providerId}`, appUrl), form, authOnly);
  if (authorization.url.origin === new URL(appUrl).origin) {
    throw new Error(`signing in with ${providerId} did not lead to Polar but to ${authorization.url.href}`);
  }
  const { callback } = await completeAuthorization(authorization.url, { ...person, browser: polar });
  return (await app.open(callback, undefined, authOnly)).url;
}

/** Signs `person` in to the app at `appUrl`, then connects their organization; throws unless both land on the dashboard. */
export async function signInToApp(appUrl: string, person: Person): Promise<AppSession> {
  const app = new Browser();
  const polar = new Browser();
  const signedIn = await signInFlow(appUrl, USER_PROVIDER_ID, app, polar, person);
  if (signedIn.pathname !== "/dashboard")
    throw new Error(`sign-in landed on ${signedIn.href}, not /dashboard`);
  const connected = await signInFlow(appUrl, ORGANIZATION_PROVIDER_ID, app, polar, person);
  const slug = /^\/dashboard\/([^/]+)$/.exec(connected.pathname)?.[1];
  if (!slug) throw new Error(`connecting an organization landed on ${connected.href}, not /dashboard/<slug>`);
  return { cookie: app.cookieHeader(), slug };
}
