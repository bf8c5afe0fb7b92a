// The load benchmark's lead-in and measured window: planned views opened on
// schedule (open loop: each on time whether or not earlier ones have finished),
// spread over the app's instances in turn as a load balancer would, and, with
// an abuser, their searches alongside from the start. It lasts until the last
// browsing view has ended; the abuser's searches may go on.
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { abuse } from "./load-abuser.ts";
import type { LoadPerson } from "./load-people.ts";
import type { PlannedView } from "./load-sessions.ts";
import { openView, type WindowView } from "./load-views.ts";

export async function runSchedule(appUrls: string[], views: PlannedView[], abuser?: LoadPerson) {
  const started = performance.now();
  const abusive = abuser ? abuse(appUrls, abuser, started) : Promise.resolve([]);
  const browsing: Promise<WindowView>[] = [];
  let lateMs = 0;
  for (const [i, { at, person, kind, path }] of views.entries()) {
    const wait = started + at - performance.now();
    if (wait > 0) await sleep(wait);
    const startedAt = performance.now() - started;
    lateMs = Math.max(lateMs, startedAt - at);
    browsing.push(
      openView(appUrls[i % appUrls.length]!, person.cookie, path).then((outcome) => ({
        person,
        kind,
        path,
        startedAt,
        ...outcome,
      })),
    );
  }
  const browsed = await Promise.all(browsing);
  return {
    browsing: browsed,
    minutes: (performance.now() - started) / 60_000,
    /** The abuser's views, once their searches are done (none without an abuser). */
    abusive,
    /** How late the driver opened its latest view: a busy driver cannot offer the load. */
    lateMs,
  };
}
