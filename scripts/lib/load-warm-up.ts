// The load benchmark's warm-up: the traffic before the window, as far as the
// window depends on it. The pages people open most are cached: the overview
// and first list pages of every organization the window visits (opened by the
// first of its people the window sees: the app confirms fewer grants than if
// everyone warmed their own). Pages 2 are left to the window: there they are
// the cold reads of real traffic, which a spent budget turns into busy
// notices. Then the people browsing when the window opens each open their
// overview, as the earlier views of their sessions would have. The request
// budget paces both: a view that shows a notice (busy) is opened again later,
// until it shows none.
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
  for (const { person } of plan.views) if (!openers.has(person.slug)) openers.set(person.slug, person);
  return [...openers.values()].flatMap((person) =>
    ["", ...LIST_PAGES.map((list) => `/${list}`)].map((page) => ({
      person,
      path: `/dashboard/${person.slug}${page}`,
    })),
  );
}

/** Warms the app up for `plan`'s window; returns what each step took. */
export async function warmUp(appUrl: string, plan: SessionPlan) {
  let started = performance.now();
  const pages = pagesOf(plan);
  const pageViews = await openUntilServed(appUrl, pages);
  const pageSeconds = (performance.now() - started) / 1000;

  started = performance.now();
  const sessionViews = await openUntilServed(
    appUrl,
    plan.openingPeople.map((person) => ({ person, path: `/dashboard/${person.slug}` })),
  );
  const sessionSeconds = (performance.now() - started) / 1000;
  return {
    pages: pages.length,
    organizations: new Set(pages.map((page) => page.person.slug)).size,
    pageViews,
    pageSeconds,
    sessionViews,
    sessionSeconds,
  };
}
