import "server-only";
import type { PolarApi } from "@/lib/polar/client";
import type { ReadScope } from "@/lib/polar/scopes";
import type { Read } from "@/lib/polar-cache/read-cache";
import { organizationRead, type OrganizationRead } from "./organization-read";

/** One page of a Polar list, as cached: its rows and where it sits in the list. */
export interface ListPage<Row> {
  items: Row[];
  totalCount: number;
  maxPage: number;
}

/**
 * A page of Polar's list response for the organization `organizationId`,
 * reduced to `toRow` of each item. An item of another organization (which
 * Polar should never send, since the list asked for this one only) is dropped
 * before anything is cached, and logged by id.
 */
export function listPage<Item extends { id: string }, Row>(
  response: { items: Item[]; pagination: { total_count: number; max_page: number } },
  toRow: (item: Item) => Row,
  { organizationId, organizationOf }: { organizationId: string; organizationOf: (item: Item) => string },
): ListPage<Row> {
  const foreign = response.items.filter((item) => organizationOf(item) !== organizationId);
  if (foreign.length > 0) {
    console.error(
      `Polar's list for organization ${organizationId} held ${foreign.length} item(s) of another organization; dropped: ${foreign.map((item) => item.id).join(", ")}`,
    );
  }
  return {
    items: response.items.filter((item) => !foreign.includes(item)).map(toRow),
    totalCount: response.pagination.total_count,
    maxPage: response.pagination.max_page,
  };
}

/** The pages of a list people browse through; past them, as with a search, reads are the long tail. */
const BROWSED_PAGES = 3;

/** Whether reading `page` with `query` is the long tail (a search, or a page past the first three). */
const isLongTail = ({ page, query }: ListParams) => page > BROWSED_PAGES || query !== "";

/** Which page of a list to read: its number, its size, and the search ("" for none). */
export interface ListParams {
  page: number;
  limit: number;
  query: string;
}

/** A loader of one of Polar's lists. */
export type ListRead<Row> = OrganizationRead<ListParams, ListPage<Row>>;

/**
 * A loader of one of Polar's lists: `list` asks for a page of it (for the
 * organization `organizationId`, which it passes as `organization_id`), whose
 * items `toRow` reduces to what the panel shows. Searches and pages past the
 * third are the long tail (lib/polar-cache/read-cache.ts).
 */
export function listRead<Item extends { id: string }, Row>(loader: {
  name: string;
  scope: ReadScope;
  list: (
    polar: PolarApi,
    organizationId: string,
    params: ListParams,
  ) => Promise<{ items: Item[]; pagination: { total_count: number; max_page: number } }>;
  /** The organization an item belongs to, to drop any of another one. */
  organizationOf: (item: Item) => string;
  toRow: (item: Item) => Row;
}): ListRead<Row> {
  return organizationRead({
    name: loader.name,
    scope: loader.scope,
    key: ({ page, limit, query }) => [page, limit, query],
    options: (params) => ({ longTail: isLongTail(params) }),
    load: async (polar, organizationId, params) =>
      listPage(await loader.list(polar, organizationId, params), loader.toRow, {
        organizationId,
        organizationOf: loader.organizationOf,
      }),
  });
}

/**
 * Reads `page`, or the last page when `page` is past the end (a stale link or a
 * hand-edited ?page=), so every page number shows rows if the list has any.
 */
export async function pageWithinList<Row>(
  read: (page: number) => Promise<Read<ListPage<Row>>>,
  page: number,
) {
  const result = await read(page);
  const last = result.ok ? Math.max(1, result.data.maxPage) : page;
  return page > last ? { result: await read(last), page: last } : { result, page };
}

/** Rows on a full list page, and in an overview panel. */
export const PAGE_SIZE = 20;
export const PANEL_SIZE = 5;
