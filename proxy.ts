export { auth as proxy } from "@/auth";

export const config = {
  // Server actions re-read the session themselves; running `auth` on them here
  // would re-issue the request's (possibly stale) session cookie.
  matcher: [{ source: "/dashboard/:path*", missing: [{ type: "header", key: "next-action" }] }],
};
