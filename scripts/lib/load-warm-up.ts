// The load benchmark's warm-up: the pages people open most are cached, as the
// traffic before the lead-in would have left them: the overview and first list
// pages of every organization the plan visits (opened by the first of its
// people the plan shows: the app confirms fewer grants than if everyone warmed
// their own). Pages 2 are left to the lead-in and the window: there they are
// the cold reads of real traffic, which a spent budget turns into busy
// notices. The request budget paces the warm-up: a view that shows a notice
// (busy) is opened again later, until it shows none.
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { LIST_PAGES } from "./dashboard-views.ts";
import type { LoadPerson } from "./load-people.ts";
import type { SessionPlan } from "./load-sessions.ts";
import { openView, served } from "./load-views.ts";

/** A page to open as a person. */
interface Visit {
  person: LoadPerson;
  path: string;
}

const CONCURRENCY = 8;
/** A worker whose view showed a notice waits this long before its next one: the budget refills meanwhile. */
const PAUSE_MS = 1_000;
const MAX_TRIES = 30;

/**
 * Opens every visit, CONCURRENCY at a time, again later each time it shows a
 * notice or fails; returns how many views it took. Throws when one still
 * shows a notice after MAX_TRIES.
 */
async function openUntilServed(appUrl: string, visits: Visit[]) {
  const queue = visits.map((visit) => ({ ...visit, tries: 0 }));
  let views = 0;
  const work = async () => {
    for (let visit = queue.shift(); visit; visit = queue.shift()) {
      const view = await openView(appUrl, visit.person.cookie, visit.path);
      views++;
      if (served(view)) continue;
      if (++visit.tries === MAX_TRIES) {
        queue.length = 0;
        throw new Error(
          `warm-up: ${visit.path} still showed ${view.problems.join(", ") || view.error || view.status} after ${MAX_TRIES} tries`,
        );
      }
      queue.push(visit);
      await sleep(PAUSE_MS);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, work));
  return views;
}

/**
 * The overview and first list pages of every organization `plan` visits,
 * each opened as the first of its people the plan shows.
 */
function pagesOf(plan: SessionPlan): Visit[] {
  const openers = new Map<string, LoadPerson>();
  for (const { person } of [...plan.leadIn, ...plan.views])
    if (!openers.has(person.slug)) openers.set(person.slug, person);
  return [...openers.values()].flatMap((person) =>
    ["", ...LIST_PAGES.map((list) => `/${list}`)].map((page) => ({
      person,
      path: `/dashboard/${person.slug}${page}`,
    })),
  );
}

/** Warms the cache up for `plan`; returns what it took. */
export async function warmUp(appUrl: string, plan: SessionPlan) {
  const started = performance.now();
  const pages = pagesOf(plan);
  const views = await openUntilServed(appUrl, pages);
  return {
    pages: pages.length,
    organizations: new Set(pages.map((page) => page.person.slug)).size,
    views,
    seconds: (performance.now() - started) / 1000,
  };
}
