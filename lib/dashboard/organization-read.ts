import "server-only";
import { cache } from "react";
import type { PolarApi } from "@/lib/polar/client";
import type { ReadScope } from "@/lib/polar/scopes";
import type { Read } from "@/lib/polar-cache/read-cache";
import { readOrganization, type ReadOptions } from "./organization-access";

/** What a loader answers; pages take it from here, as they reach the cache only through loaders. */
export type { Read } from "@/lib/polar-cache/read-cache";

/** One read of an organization's data that the dashboard shows, by its parameters: a loader. */
export interface OrganizationRead<P, T> {
  /** The scope it needs (lib/polar/scopes.ts). */
  scope: ReadScope;
  /** Its cache key's parts for `params`, after the organization's: what Refresh renews. */
  key: (params: P) => (string | number)[];
  /** It, for the signed-in user's organization `slug`: once per request per parameters. */
  read: (slug: string, params: P) => Promise<Read<T>>;
}

/**
 * A loader: `load` asks Polar with the user's own grant, for the organization
 * `organizationId`, and returns only what the panel renders (plain JSON: it is
 * cached as is, shared by everyone connected to the organization).
 */
export function organizationRead<P, T>(loader: {
  /** Its name in the cache key, unique among the organization's reads. */
  name: string;
  scope: ReadScope;
  /** Its parameters, as the rest of the cache key. */
  key: (params: P) => (string | number)[];
  options?: (params: P) => ReadOptions;
  load: (polar: PolarApi, organizationId: string, params: P) => Promise<T>;
}): OrganizationRead<P, T> {
  const key = (params: P) => [loader.name, ...loader.key(params)];
  // React's cache() tells calls apart by their arguments' identity: the parameters go in as JSON.
  const read = cache((slug: string, json: string) => {
    const params = JSON.parse(json) as P;
    return readOrganization(
      slug,
      key(params),
      loader.scope,
      (polar, organizationId) => loader.load(polar, organizationId, params),
      loader.options?.(params),
    );
  });
  return { scope: loader.scope, key, read: (slug, params) => read(slug, JSON.stringify(params)) };
}
