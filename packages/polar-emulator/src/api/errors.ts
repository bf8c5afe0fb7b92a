// Polar's error bodies. PolarError subclasses answer {"error": <class name>, "detail": ...}
// (polar/exceptions.py + exception handler); bearer-token failures are authlib
// RFC 6750 errors with a WWW-Authenticate challenge (polar/oauth2/exceptions.py,
// polar/auth/middlewares.py); request validation is FastAPI's 422.

import { OAUTH_NO_STORE } from "../http.ts";

// settings.WWW_AUTHENTICATE_REALM; the production value is not in the code we read.
const REALM = "polar";

export class ApiError {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;

  constructor(status: number, body: unknown, headers: Record<string, string> = {}) {
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

function bearerChallenge(error: string, description: string, extra: Record<string, string> = {}): string {
  const attributes = [
    `realm="${REALM}"`,
    ...Object.entries(extra).map(([key, value]) => `${key}="${value}"`),
  ];
  attributes.push(`error="${error}"`, `error_description="${description}"`);
  return `Bearer ${attributes.join(", ")}`;
}

/**
 * No credentials at all, or a token whose subject the endpoint refuses: the
 * PolarError `Unauthorized`, with a bare Bearer challenge (exceptions.py).
 */
export function unauthorized(): ApiError {
  return new ApiError(
    401,
    { error: "Unauthorized", detail: "Unauthorized" },
    { "www-authenticate": `Bearer realm="${REALM}"` },
  );
}

/** A bearer token that is unknown, expired or revoked. */
export function invalidToken(): ApiError {
  const description =
    "The access token provided is expired, revoked, malformed, or invalid for other reasons.";
  return new ApiError(
    401,
    { error: "invalid_token", error_description: description },
    { ...OAUTH_NO_STORE, "www-authenticate": bearerChallenge("invalid_token", description) },
  );
}

export function insufficientScope(required: readonly string[]): ApiError {
  const description = "The request requires higher privileges than provided by the access token.";
  return new ApiError(
    403,
    { error: "insufficient_scope", error_description: description },
    {
      ...OAUTH_NO_STORE,
      "www-authenticate": bearerChallenge("insufficient_scope", description, { scope: required.join(" ") }),
    },
  );
}

export function notFound(): ApiError {
  return new ApiError(404, { error: "ResourceNotFound", detail: "Not found" });
}

export function notPermitted(detail = "Not permitted"): ApiError {
  return new ApiError(403, { error: "NotPermitted", detail });
}

/** A 422 as Polar's handler writes it (exception_handlers.py): FastAPI's `RequestValidationError`, or Polar's own. */
export function validationError(
  loc: (string | number)[],
  msg: string,
  type: string,
  input: unknown,
  error: "RequestValidationError" | "PolarRequestValidationError" = "RequestValidationError",
): ApiError {
  return new ApiError(422, { error, detail: [{ type, loc, msg, input }] });
}

export function serverError(): ApiError {
  return new ApiError(500, "Internal Server Error", { "content-type": "text/plain; charset=utf-8" });
}
