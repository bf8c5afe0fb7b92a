// Who opens which view when in the load benchmark: people browse in sessions
// of a minute, a view every 60 / viewsPerPersonMinute seconds, so at any moment
// rate × 60 / viewsPerPersonMinute of them are browsing. Views start on a fixed
// schedule (open loop) and go round the people browsing; when one's session
// ends the next person of the population in turn takes over. The population
// is numbered round-robin over the organizations, so consecutive sessions
// visit consecutive organizations and the window sees every one of them.
//
// The schedule starts with a lead-in a session's length long, which the
// benchmark does not measure: the slots take up browsing one after another
// across it (the views offered ramp up from none to the rate), so that as the
// window opens the sessions are spread evenly over their length, and so are
// the grant checks of their first views, as in steady traffic.
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
  /** The lead-in's views, `at` in ms after the lead-in opens; not measured. */
  leadIn: PlannedView[];
  /** The window's views. */
  views: PlannedView[];
  /** People browsing at any moment. */
  concurrent: number;
  /** Those browsing when the window opens, each part-way through a session begun in the lead-in. */
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

/** The schedule of a lead-in and `seconds` of views by `people` (in the order they take turns). */
export function planSessions(people: LoadPerson[], settings: SessionSettings): SessionPlan {
  const { rate, seconds, viewsPerPersonMinute } = settings;
  const sessionViews = Math.max(1, Math.round(viewsPerPersonMinute));
  const concurrent = Math.min(people.length, Math.max(1, Math.round((rate * 60) / viewsPerPersonMinute)));
  // Views go round the slots, so each slot has a whole session's views in the lead-in.
  const leadInViews = sessionViews * concurrent;
  const browsing: (LoadPerson | undefined)[] = Array.from({ length: concurrent });
  const busy = new Set<LoadPerson>();
  const remaining = browsing.map(() => 0);
  let turn = 0;
  let sessionsStarted = 0;
  let openingPeople: LoadPerson[] = [];

  /** The next person in turn who is not browsing already (there is one: a session just ended). */
  const nextFree = () => {
    for (;;) {
      const person = people[turn]!;
      turn = (turn + 1) % people.length;
      if (!busy.has(person)) return person;
    }
  };

  const leadIn: PlannedView[] = [];
  const views: PlannedView[] = [];
  for (let i = 0; i < leadInViews + Math.round(rate * seconds); i++) {
    const inWindow = i >= leadInViews;
    if (i === leadInViews) openingPeople = browsing.filter((person) => person !== undefined);
    const slot = i % concurrent;
    // Slot `slot` takes up browsing `slot` / `concurrent` of the way through the lead-in.
    if (!inWindow && i < slot * sessionViews) continue;
    if (remaining[slot] === 0) {
      if (browsing[slot]) busy.delete(browsing[slot]);
      browsing[slot] = nextFree();
      busy.add(browsing[slot]);
      remaining[slot] = sessionViews;
      if (inWindow) sessionsStarted++;
    }
    remaining[slot]!--;
    const person = browsing[slot]!;
    const at = ((inWindow ? i - leadInViews : i) * 1000) / rate;
    (inWindow ? views : leadIn).push({ at, person, ...browseView(person.slug) });
  }
  return { leadIn, views, concurrent, openingPeople, sessionsStarted };
}
