import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_PATH_HEADER, SESSION_COOKIE_NAMES } from "@/lib/auth/session-cookie";
import { polarServer } from "@/lib/polar/server";
import { contentSecurityPolicy } from "@/lib/security/content-security-policy";

/**
 * Renders the page with a fresh CSP nonce, which Next reads from the request's
 * policy. Sign-in forms are answered with a redirect to Polar's authorize page
 * on its web origin, which comes from configuration: no page waits on Polar.
 */
function withContentSecurityPolicy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = contentSecurityPolicy({
    nonce,
    polarOrigin: polarServer.webOrigin,
    dev: process.env.NODE_ENV === "development",
  });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  // For your own <Script nonce={(await headers()).get("x-nonce")}>.
  headers.set("x-nonce", nonce);
  // Where a sign-in should come back to, should the page find no session.
  headers.set(REQUEST_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

/**
 * The dashboard without a session cookie goes to sign-in first, coming back
 * here after. This is the quick check only: pages read the session from the
 * database themselves (lib/auth/current-user.ts), so the proxy makes no
 * database call and cannot re-issue a session cookie.
 */
function dashboard(request: NextRequest) {
  if (SESSION_COOKIE_NAMES.some((name) => request.cookies.has(name)))
    return withContentSecurityPolicy(request);
  const signIn = new URL("/", request.nextUrl);
  signIn.searchParams.set("callbackUrl", request.nextUrl.href);
  return NextResponse.redirect(signIn);
}

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (pathname === "/dashboard" || pathname.startsWith("/dashboard/")) {
    return dashboard(request);
  }
  return withContentSecurityPolicy(request);
}

export const config = {
  matcher: [
    {
      // Every page; not API routes or build assets (their headers come from next.config.ts).
      source: "/((?!api/|_next/static/|_next/image|favicon.ico|readme/).*)",
      // Server actions read the session themselves, and their responses are RSC
      // payloads, which a CSP does not govern.
      missing: [{ type: "header", key: "next-action" }],
    },
  ],
};
