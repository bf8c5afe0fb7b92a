// How long Polar takes to answer, per path: a profile of path prefixes on the
// API origin and the milliseconds a request under each takes. The longest
// matching prefix wins; a path no prefix matches takes no time (unless the
// `latency_ms` setting delays it). By default Polar's own: its metrics endpoint
// is slow, reported at up to ~15 s a call (polarsource/polar issue #7720, open),
// which @polar-sh/sdk's default 5 s timeout does not survive.
import { setTimeout as sleep } from "node:timers/promises";

/** Path prefix on the API origin → milliseconds. */
export type LatencyProfile = Record<string, number>;

export const POLAR_LATENCY: Readonly<LatencyProfile> = { "/v1/metrics/": 5000 };

/** The milliseconds the profile gives `pathname`, or undefined when no prefix matches it. */
export function profileLatency(profile: LatencyProfile, pathname: string): number | undefined {
  let longest: string | undefined;
  for (const prefix of Object.keys(profile)) {
    if (pathname.startsWith(prefix) && (longest === undefined || prefix.length > longest.length))
      longest = prefix;
  }
  return longest === undefined ? undefined : profile[longest];
}

/** Waits as long as the profile says for `pathname`; true when a prefix matched it. */
export async function waitAsProfiled(profile: LatencyProfile, pathname: string): Promise<boolean> {
  const ms = profileLatency(profile, pathname);
  if (ms === undefined) return false;
  if (ms > 0) await sleep(ms);
  return true;
}

/** Checks a profile given as JSON (control) or option; throws a message naming the bad entry. */
export function checkLatencyProfile(value: unknown): LatencyProfile {
  if (!value || typeof value !== "object" || Array.isArray(value))
    throw new Error(
      'a latency profile is an object of path prefixes and milliseconds, e.g. { "/v1/metrics/": 5000 }',
    );
  const profile: LatencyProfile = {};
  for (const [prefix, ms] of Object.entries(value)) {
    if (!prefix.startsWith("/")) throw new Error(`latency prefix ${prefix} must start with /`);
    if (typeof ms !== "number" || !Number.isInteger(ms) || ms < 0)
      throw new Error(`latency for ${prefix} must be a whole number of milliseconds`);
    profile[prefix] = ms;
  }
  return profile;
}

/** EMULATOR_LATENCY: `none`, or `<prefix>=<ms>` pairs separated by commas. */
export function parseLatencyProfile(raw: string): LatencyProfile {
  if (raw.trim() === "none") return {};
  const entries = raw.split(",").map((pair) => {
    const eq = pair.lastIndexOf("=");
    const ms = Number(pair.slice(eq + 1).trim());
    return [pair.slice(0, eq).trim(), eq > 0 && pair.slice(eq + 1).trim() !== "" ? ms : NaN] as const;
  });
  return checkLatencyProfile(Object.fromEntries(entries));
}
