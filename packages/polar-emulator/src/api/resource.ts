// What one endpoint of the API declares: its method and path, the scopes and
// subjects it accepts, the role permission it reads by, and how it answers.
// The endpoint lists (resources.ts, finance-and-members.ts) are made of these;
// the router (router.ts) and answer.ts serve them.
import type { Dataset } from "../data/dataset.ts";
import type { Permission } from "../permissions.ts";
import type { EmulatorState, Subject } from "../state.ts";
import type { ApiAuth } from "./auth.ts";

/** One endpoint of the API, as the router matches, authorizes and answers it. */
export interface Resource {
  method: "GET" | "GET|POST";
  pattern: RegExp;
  /** Any one of these scopes grants access; none means any valid OAuth token. */
  scopes: string[];
  /** The subjects the endpoint serves (Polar's `allowed_subjects`); both by default. */
  subjects?: Subject["type"][];
  /** The role permission that decides which organizations' rows it reads (lists filter, objects 404). */
  permission?: Permission;
  /** An organization-path guard: the permission the role needs in the path's organization (403 without). */
  guard?: Permission;
  handle(
    auth: ApiAuth,
    query: URLSearchParams,
    params: string[],
    data: Dataset,
    state: EmulatorState,
  ): unknown;
  /** For answers Polar caches: the cache key of this request (answer.ts). */
  cacheKey?(auth: ApiAuth, query: URLSearchParams): string;
}
