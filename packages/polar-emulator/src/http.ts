import type { IncomingMessage, ServerResponse } from "node:http";

const BODY_LIMIT = 64 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > BODY_LIMIT) throw new Error("request body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams(await readBody(req));
}

/** Form or JSON body as a flat record of strings (JSON values are kept as they are). */
export async function readParams(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = await readBody(req);
  if (!raw) return {};
  if ((req.headers["content-type"] ?? "").includes("application/json")) {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

/** authlib's `default_json_headers` on every OAuth endpoint answer and error (token, revoke, introspect, 401/403 bearer errors). */
export const OAUTH_NO_STORE = { "cache-control": "no-store", pragma: "no-cache" } as const;

/**
 * A JSON answer. Cache-Control is Polar's CacheControlMiddleware default
 * (`private, no-store` unless the answer sets its own, middlewares.py).
 */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(payload),
    "cache-control": "private, no-store",
    ...headers,
  });
  res.end(payload);
}

export function sendHtml(res: ServerResponse, status: number, page: string): void {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(page),
    "cache-control": "no-store",
  });
  res.end(page);
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location, "content-length": 0 });
  res.end();
}

/**
 * The bearer token as Polar reads it (auth/middlewares.py `get_bearer_token`,
 * Starlette's `get_authorization_scheme_param`): the header split at its first
 * space; no value, another scheme or a non-ASCII value is no token at all.
 */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization ?? "";
  const space = header.indexOf(" ");
  const scheme = space < 0 ? header : header.slice(0, space);
  const value = space < 0 ? "" : header.slice(space + 1);
  if (scheme.toLowerCase() !== "bearer" || value === "" || !/^[\x00-\x7f]*$/.test(value)) return undefined;
  return value;
}
