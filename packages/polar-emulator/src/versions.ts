// Polar's API versions (kit/versioning.py APIVersionMiddleware, version.py):
// `Polar-Version: YYYY-MM` picks one; without the header, the current one
// (2026-04 at c6c3645, next 2026-10). A malformed, unknown or removed version
// is 404 `{"detail":"Not Found"}` on every path, before authentication and
// rate limits; every other answer echoes the version it was served in. Which
// versions are accepted changes with Polar's quarterly releases (PR #14143),
// so it is configurable, and a control removes one at runtime.
import type { IncomingMessage } from "node:http";

export interface ApiVersions {
  accepted: string[];
  /** The version a request without the header gets. */
  default: string;
}

export const POLAR_API_VERSIONS: readonly string[] = ["2026-04", "2026-10"];
const CURRENT = "2026-04";
const FORMAT = /^\d{4}-\d{2}$/;

/** The accepted versions, with 2026-04 the default while accepted, else the oldest. */
export function apiVersions(accepted: readonly string[], preferred = CURRENT): ApiVersions {
  const bad = accepted.find((version) => !FORMAT.test(version));
  if (bad !== undefined) throw new Error(`API version ${bad} is not YYYY-MM`);
  if (accepted.length === 0) throw new Error("at least one API version must be accepted");
  const sorted = [...new Set(accepted)].sort();
  return { accepted: sorted, default: sorted.includes(preferred) ? preferred : (sorted[0] as string) };
}

/** The version the request is served in, or undefined when Polar answers 404. */
export function requestedVersion(req: IncomingMessage, versions: ApiVersions): string | undefined {
  const header = req.headers["polar-version"];
  const raw = Array.isArray(header) ? header[0] : header;
  const version = raw ? raw : versions.default;
  return FORMAT.test(version) && versions.accepted.includes(version) ? version : undefined;
}
