// The load benchmark's abusive tenant: one person fires SEARCHES searches,
// CONCURRENCY at a time, each with a query nobody searched before, so that
// none is cached and every one asks Polar.
import { performance } from "node:perf_hooks";
import { SEARCHABLE_LISTS } from "./dashboard-views.ts";
import type { LoadPerson } from "./load-people.ts";
import { openView, type WindowView } from "./load-views.ts";

export const SEARCHES = 300;
export const CONCURRENCY = 8;

/** `count` distinct random queries of 8 letters and digits. */
function randomQueries(count: number) {
  const queries = new Set<string>();
  while (queries.size < count) queries.add(Math.random().toString(36).slice(2, 10).padEnd(8, "0"));
  return [...queries];
}

/**
 * `person` searches their organization's searchable lists in turn, on the
 * app's instances in turn; `windowStart` is when the window opened.
 */
export async function abuse(
  appUrls: string[],
  person: LoadPerson,
  windowStart: number,
): Promise<WindowView[]> {
  const searches = randomQueries(SEARCHES).map((query, i) => ({
    appUrl: appUrls[i % appUrls.length]!,
    path: `/dashboard/${person.slug}/${SEARCHABLE_LISTS[i % SEARCHABLE_LISTS.length]}?query=${query}`,
  }));
  const views: WindowView[] = [];
  const work = async () => {
    for (let search = searches.shift(); search; search = searches.shift()) {
      const startedAt = performance.now() - windowStart;
      views.push({
        person,
        kind: "search",
        path: search.path,
        startedAt,
        ...(await openView(search.appUrl, person.cookie, search.path)),
      });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, work));
  return views;
}
