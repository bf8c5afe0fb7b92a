// One dashboard view of the load benchmark: opened as a signed-in person,
// timed to the end of its body, and what it showed.
import { performance } from "node:perf_hooks";
import { problemKinds, readTimes, staleKinds } from "./dashboard-views.ts";
import type { LoadPerson } from "./load-people.ts";
import { timeRequest } from "./timing.ts";

export interface ViewOutcome {
  /** The HTTP status; 0 when the request failed. */
  status: number;
  /** Milliseconds to the end of the body. */
  ms: number;
  /** Its problem notices' kinds (dashboard-views.ts). */
  problems: string[];
  /** Why panels showed an older copy, if any did. */
  stale: string[];
  /** How old the oldest data it showed was, in seconds (0 with none). */
  oldestSeconds: number;
  error?: string;
}

/** A view of the measured window, by whom and when. */
export interface WindowView extends ViewOutcome {
  person: LoadPerson;
  kind: "overview" | "list" | "search";
  /** Under the app's origin, e.g. /dashboard/<slug>/orders?page=2. */
  path: string;
  /** When it opened, in ms after the window opened. */
  startedAt: number;
}

/** Opens `path` on the app with the browser's `cookie`. */
export async function openView(appUrl: string, cookie: string, path: string): Promise<ViewOutcome> {
  const started = performance.now();
  try {
    const { status, full, body } = await timeRequest(`${appUrl}${path}`, { cookie });
    const oldest = Math.min(Date.now(), ...readTimes(body));
    return {
      status,
      ms: full,
      problems: problemKinds(body),
      stale: staleKinds(body),
      oldestSeconds: (Date.now() - oldest) / 1000,
    };
  } catch (error) {
    return {
      status: 0,
      ms: performance.now() - started,
      problems: [],
      stale: [],
      oldestSeconds: 0,
      // fetch's own message is "fetch failed"; why is in its cause.
      error: [error, (error as Error).cause]
        .flatMap((e) => (e instanceof Error ? [e.message] : []))
        .join(": "),
    };
  }
}

/** Whether a view showed its page whole: a 200 without problem notices. */
export const served = (view: ViewOutcome) => view.status === 200 && view.problems.length === 0;
