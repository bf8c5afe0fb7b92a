import "server-only";
import type { Read } from "@/lib/polar/read-cache";

/** One page of a Polar list, as cached: its rows and where it sits in the list. */
export interface ListPage<Row> {
  items: Row[];
  totalCount: number;
  maxPage: number;
}

/** A page of Polar's list response, reduced to `toRow` of each item. */
export function listPage<Item, Row>(
  response: { items: Item[]; pagination: { total_count: number; max_page: number } },
  toRow: (item: Item) => Row,
): ListPage<Row> {
  return {
    items: response.items.map(toRow),
    totalCount: response.pagination.total_count,
    maxPage: response.pagination.max_page,
  };
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
