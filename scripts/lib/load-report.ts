// What `npm run bench:load` prints about its window, a section a function.
import { OUT_OF_BUDGET } from "./dashboard-views.ts";
import { POLAR_CACHE } from "./database.ts";
import type { LoadPerson } from "./load-people.ts";
import type { WindowView } from "./load-views.ts";
import { ms, percentile } from "./timing.ts";

/** How many of `items` fall under each key, most first, as "key × n" pairs (the first `most`). */
export function tally(items: (string | number)[], most = Infinity) {
  const counts = new Map<string | number, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  const shown = sorted.slice(0, most).map(([key, n]) => `${key} × ${n}`);
  return (shown.join(", ") || "none") + (sorted.length > most ? `, … (${sorted.length - most} more)` : "");
}

/** Whether a view showed a busy or rate-limited notice. */
export const outOfBudget = (view: WindowView) => view.problems.some((kind) => OUT_OF_BUDGET.has(kind));

/** A line of view times: how many, p50, p95 and the slowest. */
export function timesLine(label: string, views: WindowView[]) {
  const times = views.map((view) => view.ms);
  return `  ${label.padEnd(8)} ${String(views.length).padStart(5)} views   p50 ${ms(percentile(times, 50))}   p95 ${ms(percentile(times, 95))}   max ${ms(Math.max(...times))}`;
}

/** The p95 of the views opened in each 10 s of the window: whether it settles, or worsens, as the window goes on. */
export function p95Line(views: WindowView[], seconds: number) {
  const tens = Array.from({ length: Math.ceil(seconds / 10) }, (_, i) =>
    percentile(
      views.filter((view) => Math.floor(view.startedAt / 10_000) === i).map((view) => view.ms),
      95,
    ).toFixed(0),
  );
  return `  p95 by 10 s of the window: ${tens.join(", ")} ms`;
}

/**
 * The distinct people and organizations with a view opening in each minute of
 * the window (a last, shorter part as such), and how many of those people
 * started browsing in it: those already browsing at its start were active in
 * the minute before too (`opening`: those browsing as the window opened).
 */
export function printActivePerMinute(views: WindowView[], seconds: number, opening: Set<LoadPerson>) {
  const firstViews = new Map<LoadPerson, number>();
  for (const { person, startedAt } of views) if (!firstViews.has(person)) firstViews.set(person, startedAt);
  for (let from = 0; from < seconds; from += 60) {
    const to = Math.min(seconds, from + 60);
    const inMinute = (at: number) => at >= from * 1000 && at < to * 1000;
    const people = new Set(views.filter((view) => inMinute(view.startedAt)).map((view) => view.person));
    const organizations = new Set([...people].map((person) => person.slug)).size;
    const started = [...people].filter((person) => !opening.has(person) && inMinute(firstViews.get(person)!));
    console.log(
      `  active ${from}–${Math.round(to)} s: ${people.size} people (${started.length} started browsing in it) of ${organizations} organizations${to - from < 60 ? ` (in ${Math.round(to - from)} s)` : ""}`,
    );
  }
}

/** Views with a busy or rate-limited notice per organization: the total, how many organizations saw any, the most. */
export function printBusyByOrganization(views: WindowView[], organizations: number, abuserSlug?: string) {
  const busy = views.filter(outOfBudget);
  const slugs = busy.map((view) => view.person.slug);
  console.log(
    `  busy for others (views with a busy or rate-limited notice): ${busy.length} of ${views.length}, in ${new Set(slugs).size} of ${organizations} organizations${abuserSlug ? ` (${slugs.filter((slug) => slug === abuserSlug).length} in the abuser's, ${abuserSlug})` : ""}`,
  );
  if (busy.length === 0) return;
  console.log(`    most: ${tally(slugs, 10)}`);
  const shape = (view: WindowView) =>
    /[?&]page=[2-9]/.test(view.path) ? `${view.kind} past page 1` : view.kind;
  console.log(`    by view: ${tally(busy.map(shape))}`);
}

/** The other notices and older copies the views showed, and how old the data was. */
export function printNotices(views: WindowView[]) {
  const others = views.flatMap((view) => view.problems.filter((kind) => !OUT_OF_BUDGET.has(kind)));
  const ages = views.filter((view) => view.status === 200).map((view) => view.oldestSeconds);
  console.log(
    `  other notices: ${tally(others)}; older copies shown because: ${tally(views.flatMap((view) => view.stale))}`,
  );
  console.log(
    `  oldest data on a view: p50 ${percentile(ages, 50).toFixed(0)} s, p95 ${percentile(ages, 95).toFixed(0)} s, max ${Math.max(0, ...ages).toFixed(0)} s`,
  );
  return others.length;
}

/** The abuser's searches: their times, how long they went on, and the notices they showed. */
export function printAbuser(views: WindowView[], windowMinutes: number) {
  const seconds = Math.max(...views.map((view) => view.startedAt + view.ms)) / 1000;
  const after = views.filter((view) => view.startedAt > windowMinutes * 60_000).length;
  console.log(timesLine("abuser", views));
  console.log(
    `  the abuser's ${views.length} searches took ${seconds.toFixed(1)} s${after ? ` (${after} opened after the window)` : ""}; busy or rate-limited: ${views.filter(outOfBudget).length}; notices: ${tally(views.flatMap((view) => view.problems))}`,
  );
}

/**
 * The cache's peak rows in all and the most one organization had (the
 * abuser's apart); `slugs` names the organizations by id.
 */
export function printCachePeak(
  cache: { peak: number; peakByTenant: Map<string, number> },
  slugs: Map<string, string>,
  abuserSlug?: string,
) {
  const byOrganization = [...cache.peakByTenant].flatMap(([tenant, rows]) => {
    const id = POLAR_CACHE.organizationTenant.exec(tenant)?.[1];
    return id ? [{ slug: slugs.get(id) ?? tenant, rows }] : [];
  });
  const most = (entries: typeof byOrganization) =>
    entries.reduce((top, entry) => (entry.rows > top.rows ? entry : top), { slug: "none", rows: 0 });
  const others = most(byOrganization.filter(({ slug }) => slug !== abuserSlug));
  const abuser = most(byOrganization.filter(({ slug }) => slug === abuserSlug));
  console.log(
    `  cache: peak ${cache.peak} rows; the most of one organization ${others.rows} (${others.slug})${abuserSlug ? `, the abuser's ${abuser.rows}` : ""}`,
  );
}
