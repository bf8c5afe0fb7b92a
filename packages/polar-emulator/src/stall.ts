// A stalled origin accepts requests and never answers them: Polar hanging, as
// a load balancer with a dead upstream does. The test controls on the API
// origin keep working. When the stall ends, the held requests' connections are
// closed without an answer.
import type { ServerResponse } from "node:http";
import type { EmulatorState, Origin } from "./state.ts";

/** Holds the request when its origin is stalled (counted in the stats); true when held. */
export function holdIfStalled(state: EmulatorState, origin: Origin, res: ServerResponse): boolean {
  const held = state.stalls[origin];
  if (!held) return false;
  held.add(res);
  res.once("close", () => held.delete(res));
  state.stats.stalled += 1;
  return true;
}

/** Starts or ends the stall of `origin`; ending it closes the connections it held. */
export function setStalled(state: EmulatorState, origin: Origin, stalled: boolean): void {
  const held = state.stalls[origin];
  if (stalled) {
    state.stalls[origin] = held ?? new Set();
    return;
  }
  state.stalls[origin] = null;
  for (const res of held ?? []) res.socket?.destroy();
}
