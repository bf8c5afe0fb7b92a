import type { NextAuthConfig } from "next-auth";

/**
 * The session cookie's name and attributes. Auth.js names it
 * `__Secure-authjs.session-token` when it uses secure cookies (an https URL),
 * a prefix that still lets a sibling subdomain set a cookie of that name for
 * the whole domain. `__Host-` also forbids a Domain attribute, so only this
 * exact host can set or overwrite the session. Production only: the prefix
 * needs Secure, which browsers honour on https and on http://localhost.
 */
export function sessionCookieOptions(production: boolean): NextAuthConfig["cookies"] {
  if (!production) return undefined;
  return {
    sessionToken: {
      name: "__Host-authjs.session-token",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: true },
    },
  };
}

/** Every name the session cookie can have: Auth.js's on http and on https, and ours in production. */
export const SESSION_COOKIE_NAMES = [
  "authjs.session-token",
  "__Secure-authjs.session-token",
  "__Host-authjs.session-token",
];

/** The header proxy.ts puts the page's path in, for a sign-in redirect to come back to. */
export const REQUEST_PATH_HEADER = "x-request-path";
