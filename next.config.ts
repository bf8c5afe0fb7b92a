import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Lets parallel builds (e.g. e2e next to `npm run dev`) keep separate outputs.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
