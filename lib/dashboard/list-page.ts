import "server-only";
import type { Read } from "@/lib/polar-cache/read-cache";

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

/** Whether reading `page` with `query` is the long tail (a search, or a page past the first). */
export const isLongTail = (page: number, query = "") => page > 1 || query !== "";

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
