/**
 * The pages' Content-Security-Policy: scripts and <style> elements run only
 * with this response's nonce (Next adds it to its own tags when it finds the
 * policy on the request), so injected markup cannot execute. Style attributes
 * stay allowed: they cannot run code, and React renders them.
 */
export function contentSecurityPolicy({
  nonce,
  polarOrigin,
  dev,
}: {
  nonce: string;
  polarOrigin: string;
  dev: boolean;
}) {
  return [
    "default-src 'self'",
    // React's development build evaluates code to rebuild server error stacks.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Next's development overlay injects <style> elements without the nonce.
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    // Organization avatars come from whichever host Polar stores them on.
    "img-src 'self' data: blob: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // Sign-in forms are answered with a redirect to Polar's authorize page on this origin.
    `form-action 'self' ${polarOrigin}`,
    "frame-ancestors 'none'",
  ].join("; ");
}

/** For API responses (JSON, redirects, Auth.js's fallback pages): nothing may run. */
export const API_CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
