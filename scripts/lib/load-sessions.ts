// Who opens which view when in the load benchmark: people browse in sessions
// of a minute, a view every 60 / viewsPerPersonMinute seconds, so at any moment
// rate × 60 / viewsPerPersonMinute of them are browsing. Views start on a fixed
// schedule (open loop) and go round the people browsing; when one's session
// ends the next person of the population in turn takes over. The population
// is numbered round-robin over the organizations, so consecutive sessions
// visit consecutive organizations and the window sees every one of them.
import { LIST_PAGES } from "./dashboard-views.ts";
import type { LoadPerson } from "./load-people.ts";

/** One view of the schedule. */
export interface PlannedView {
  /** When it opens, in ms after the window opens. */
  at: number;
  person: LoadPerson;
  kind: "overview" | "list";
  /** Under the app's origin, e.g. /dashboard/<slug>/orders?page=2. */
  path: string;
}

export interface SessionPlan {
  views: PlannedView[];
  /** People browsing at any moment. */
  concurrent: number;
  /** Those browsing when the window opens, each part-way through a session. */
  openingPeople: LoadPerson[];
  /** Sessions that start within the window. */
  sessionsStarted: number;
}

export interface SessionSettings {
  /** Views a second. */
  rate: number;
  seconds: number;
  viewsPerPersonMinute: number;
}

const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;

/** A browsing view of `slug`: its overview, or half the time one of its list pages (a quarter of those page 2). */
function browseView(slug: string): Pick<PlannedView, "kind" | "path"> {
  if (Math.random() < 0.5) return { kind: "overview", path: `/dashboard/${slug}` };
  return {
    kind: "list",
    path: `/dashboard/${slug}/${pick(LIST_PAGES)}${Math.random() < 0.25 ? "?page=2" : ""}`,
  };
}

/** The schedule of `seconds` of views by `people` (in the order they take turns). */
export function planSessions(people: LoadPerson[], settings: SessionSettings): SessionPlan {
  const { rate, seconds, viewsPerPersonMinute } = settings;
  const sessionViews = Math.max(1, Math.round(viewsPerPersonMinute));
  const concurrent = Math.min(people.length, Math.max(1, Math.round((rate * 60) / viewsPerPersonMinute)));
  const browsing = people.slice(0, concurrent);
  const busy = new Set(browsing);
  // The opening sessions are staggered, as if they had started one after
  // another before the window, so that their ends spread over its first minute.
  const remaining = browsing.map((_, slot) => sessionViews - Math.floor((slot * sessionViews) / concurrent));
  let turn = concurrent % people.length;
  let sessionsStarted = 0;

  /** The next person in turn who is not browsing already (there is one: a session just ended). */
  const nextFree = () => {
    for (;;) {
      const person = people[turn]!;
      turn = (turn + 1) % people.length;
      if (!busy.has(person)) return person;
    }
  };

  const views: PlannedView[] = [];
  for (let i = 0; i < Math.round(rate * seconds); i++) {
    const slot = i % concurrent;
    if (remaining[slot] === 0) {
      busy.delete(browsing[slot]!);
      browsing[slot] = nextFree();
      busy.add(browsing[slot]);
      remaining[slot] = sessionViews;
      sessionsStarted++;
    }
    remaining[slot]!--;
    const person = browsing[slot]!;
    views.push({ at: (i * 1000) / rate, person, ...browseView(person.slug) });
  }
  return { views, concurrent, openingPeople: people.slice(0, concurrent), sessionsStarted };
}
