// Retry-After (RFC 9110 §10.2.3) is either a number of seconds or an HTTP
// date. Polar's rate limiter sends seconds (the length of the window that was
// exceeded), but a proxy in front of it may send a date. Whatever it says, the
// app waits at least a second and at most ten minutes.

export const MIN_RETRY_AFTER_SECONDS = 1;
export const MAX_RETRY_AFTER_SECONDS = 600;

/** Seconds to wait from `now` (ms), clamped; null when the header is absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | null {
  const value = header?.trim();
  if (!value) return null;
  // An HTTP date starts with its day's name in each of RFC 9110's three forms.
  const seconds = /^\d+$/.test(value)
    ? Number(value)
    : /^[A-Za-z]{3}/.test(value)
      ? (Date.parse(value) - now) / 1000
      : NaN;
  if (!Number.isFinite(seconds)) return null;
  return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(MIN_RETRY_AFTER_SECONDS, Math.ceil(seconds)));
}
