import "server-only";

/**
 * The OAuth error codes a token or revocation endpoint may answer (RFC 6749
 * §5.2, RFC 7009 §2.2.1), which callers branch on (invalid_grant: reconnect).
 */
const OAUTH_ERROR_CODES = new Set([
  "invalid_request",
  "invalid_client",
  "invalid_grant",
  "unauthorized_client",
  "unsupported_grant_type",
  "invalid_scope",
  "unsupported_token_type",
  "server_error",
  "temporarily_unavailable",
]);

const NETWORK_CODE = /^[A-Z][A-Z_]*$/;

/**
 * An error from a token request without the token endpoint's answer.
 * oauth4webapi attaches the whole response body (access and refresh tokens
 * included) to an error's `cause` and the Response to its `response`, and both
 * Next and Node print causes; a JSON parse error's message even quotes the
 * body. The copy keeps the class (so `instanceof` checks still work), the
 * message, the stack, oauth4webapi's `code`, the HTTP `status` (also of an
 * answer that is no OAuth response at all, such as a gateway's HTML page) and
 * a known OAuth `error` code; of a network failure's cause only its code
 * (e.g. ECONNREFUSED).
 */
export function tokenFreeError(error: unknown): Error {
  if (!(error instanceof Error)) return new Error("The request to Polar's token endpoint failed.");
  const copy = Object.create(Object.getPrototypeOf(error)) as Error & Record<string, unknown>;
  const own = (value: unknown) => ({ value, writable: true, configurable: true, enumerable: false });
  Object.defineProperties(copy, {
    name: own(error.name),
    message: own(error.message),
    stack: own(error.stack),
  });
  const { code, status, error: oauthError, cause } = error as Error & Record<string, unknown>;
  if (typeof code === "string") copy.code = code;
  if (typeof status === "number") copy.status = status;
  else if (cause instanceof Response) copy.status = cause.status;
  if (typeof oauthError === "string")
    copy.error = OAUTH_ERROR_CODES.has(oauthError) ? oauthError : "unrecognized_error";
  const networkCode = cause instanceof Error ? (cause as Error & { code?: unknown }).code : undefined;
  if (typeof networkCode === "string" && NETWORK_CODE.test(networkCode)) copy.cause = { code: networkCode };
  return copy;
}
