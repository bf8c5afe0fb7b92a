// A resource's answer: from Polar's metrics cache when the resource is cached
// and an identical query was answered in the last 60 s (metrics/cache.py
// METRICS_CACHE_TTL_SECONDS), otherwise computed after the time the latency
// profile gives the path (latency.ts), then cached. A cached answer skips the
// wait: it is the query, not the request, that is slow at Polar.
import { waitAsProfiled } from "../latency.ts";
import type { EmulatorState } from "../state.ts";
import type { ApiAuth } from "./auth.ts";
import type { Resource } from "./resource.ts";

const CACHE_TTL_MS = 60_000;

export async function answer(
  state: EmulatorState,
  resource: Resource,
  auth: ApiAuth,
  url: URL,
  params: string[],
): Promise<unknown> {
  const key = resource.cacheKey?.(auth, url.searchParams);
  const cached = key === undefined ? undefined : state.metricsCache.get(key);
  if (cached && cached.expiresAt > Date.now()) return cached.body;
  await waitAsProfiled(state.latency, url.pathname);
  const body = resource.handle(auth, url.searchParams, params, state.data, state);
  if (key !== undefined) state.metricsCache.set(key, { expiresAt: Date.now() + CACHE_TTL_MS, body });
  return body;
}
