/**
 * Auth.js `redirect` callback: where to send the browser after sign-in or
 * sign-out (callbackUrl / redirectTo). Only this app's own origin: anything
 * else, including protocol-relative `//host` and `/\host` forms, goes home.
 */
export function sameOriginRedirect({ url, baseUrl }: { url: string; baseUrl: string }) {
  try {
    const target = new URL(url, baseUrl);
    return target.origin === new URL(baseUrl).origin ? target.href : baseUrl;
  } catch {
    return baseUrl;
  }
}
