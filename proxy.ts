import { NextResponse, type NextFetchEvent, type NextMiddleware, type NextRequest } from "next/server";
import type { NextAuthRequest } from "next-auth";
import { auth } from "@/auth";
import { polarWebOrigin } from "@/lib/polar/discovery";
import { polarServer } from "@/lib/polar/server";
import { contentSecurityPolicy } from "@/lib/security/content-security-policy";

/**
 * Sign-in forms are answered with a redirect to Polar's authorize page, on its
 * web origin (from discovery). While discovery fails, sign-in fails on its own
 * error page and the issuer's origin stands in.
 */
const polarFormOrigin = () => polarWebOrigin().catch(() => new URL(polarServer.issuer).origin);

/** Renders the page with a fresh CSP nonce, which Next reads from the request's policy. */
async function withContentSecurityPolicy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = contentSecurityPolicy({
    nonce,
    polarOrigin: await polarFormOrigin(),
    dev: process.env.NODE_ENV === "development",
  });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  // For your own <Script nonce={(await headers()).get("x-nonce")}>.
  headers.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

// The second parameter selects auth()'s middleware overload.
const dashboard: NextMiddleware = auth((request: NextAuthRequest, _event: NextFetchEvent) => {
  if (request.auth?.user) return withContentSecurityPolicy(request);
  const signIn = new URL("/", request.nextUrl);
  signIn.searchParams.set("callbackUrl", request.nextUrl.href);
  return NextResponse.redirect(signIn);
});

export function proxy(request: NextRequest, event: NextFetchEvent) {
  const { pathname } = request.nextUrl;
  if (pathname === "/dashboard" || pathname.startsWith("/dashboard/")) {
    return dashboard(request, event);
  }
  return withContentSecurityPolicy(request);
}

export const config = {
  matcher: [
    {
      // Every page; not API routes or build assets (their headers come from next.config.ts).
      source: "/((?!api/|_next/static/|_next/image|favicon.ico|readme/).*)",
      // Server actions re-read the session themselves; running `auth` on them here
      // would re-issue the request's (possibly stale) session cookie. Their
      // responses are RSC payloads, which a CSP does not govern.
      missing: [{ type: "header", key: "next-action" }],
    },
  ],
};
