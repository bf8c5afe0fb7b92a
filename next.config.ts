import type { NextConfig } from "next";
import { API_CONTENT_SECURITY_POLICY } from "./lib/security/content-security-policy";

// On every response. Pages get their nonce-based Content-Security-Policy from proxy.ts.
const securityHeaders = [
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
  },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  // Browsers ignore it over http, so localhost is unaffected.
  ...(process.env.NODE_ENV === "production"
    ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
    : []),
];

const nextConfig: NextConfig = {
  // Lets parallel builds (e.g. e2e next to `npm run dev`) keep separate outputs.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  // The build type-checks the app only: tests, scripts and the emulator are
  // checked by `npm run typecheck`, so the app builds without the emulator.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  reactStrictMode: true,
  // `next dev` logs every request's URL, and Polar's redirects to the callbacks
  // carry the authorization code and the state: leave those requests out.
  logging: { incomingRequests: { ignore: [/^\/api\/auth\/callback\//] } },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }],
      },
    ];
  },
};

export default nextConfig;
