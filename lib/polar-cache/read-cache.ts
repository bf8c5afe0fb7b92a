// Polar reads, cached in PostgreSQL for every server instance. An entry is
// fresh for POLAR_CACHE_FRESH_SECONDS (30): served as is. Then, for
// POLAR_CACHE_STALE_SECONDS (300) more, it is still served while one request,
// on one instance, refreshes it after its response has gone out. Past that, or
// once invalidated (disconnect, reconnect, Refresh), a read asks Polar before it
// answers, except a slow read (metrics, which Polar computes on request): any
// copy of it is served at once while a new one loads. When Polar cannot be
// asked (the request budget is spent, Polar is rate limiting, down or not
// answering) any entry still at hand is served, marked stale.
// POLAR_CACHE_FRESH_SECONDS=0 turns the cache off: every view asks Polar.
//
// The cache is bounded: at most POLAR_CACHE_MAX_ENTRIES_PER_TENANT entries per
// tenant (an organization, or a user's own reads), enforced whenever a new entry
// is written, and POLAR_CACHE_MAX_ENTRIES in all, enforced once a minute per
// instance. The least recently read go first, searches and deep pages
// (the long tail) before the pages everyone opens. A hit writes nothing, except
// that it records when the entry was last read at most once a minute.
//
// Why PostgreSQL and not Next's "use cache": the app already runs on one
// Postgres, which every instance shares on any host (Next's default cache
// handler is per instance off Vercel); the budget needs a shared atomic counter
// anyway; and a spent budget must be able to serve an old entry without a
// refetch, which "use cache"'s revalidation decides on its own. Pages stay
// dynamic, so the per-request nonce Content-Security-Policy is untouched.
import "server-only";
import { after } from "next/server";
import { db } from "@/lib/db/client";
import { polarTrafficEnv } from "@/lib/env";
import { throttled } from "@/lib/throttle";
import { describePolarError, type PolarProblem, type Result } from "@/lib/polar/errors";
import type { RequestPriority } from "./request-budget";

/**
 * A read as a panel shows it: its data, when Polar answered it, why it could
 * not be refreshed if so, and whether a newer one is loading.
 */
export type Read<T> = Result<{ data: T; readAt: Date; stale?: PolarProblem; updating?: boolean }>;

/** What one cached read is: its entry's key, whose data it is, and how Polar answers it. */
export interface CachedRead<T> {
  /** `organization:<id>` or `user:<id>` (lib/polar-cache/tenants.ts): bounded and invalidated together. */
  tenant: string;
  /** Unique per tenant and read, e.g. `organization:<id>:products:1:20:`. */
  key: string;
  /** The OAuth scope the read needs, for the "permission needed" notice. */
  scope: string;
  /** A search or a deep page of a list: it asks Polar with less urgency, and is evicted first. */
  longTail?: boolean;
  /** Polar takes long to answer it (metrics): any copy is served while a new one loads. */
  slow?: boolean;
  /** Asks Polar with the given urgency; its answer must be plain JSON (it is stored as is). */
  load: (priority: RequestPriority) => Promise<T>;
  /**
   * Why this request may not have the read (the connection check), settled
   * while the entry is looked up: nothing is served or asked of Polar before it
   * settles, and nothing at all when it names a problem.
   */
  refusal?: Promise<PolarProblem | undefined>;
}

/** Problems that keep an old entry useful; the others (reconnect, missing scope) hide it. */
const SERVE_STALE_ON = new Set<PolarProblem["kind"]>(["busy", "rate-limited", "unavailable", "unexpected"]);
/** How long a background refresh may take before another request may try: longer than the slowest call. */
const REFRESH_CLAIM_MS = 45_000;
const KEEP_UNREAD_MS = 24 * 60 * 60 * 1000;
const TOUCH_EVERY_MS = 60_000;

/** Reads in flight on this instance, so concurrent misses of one key ask Polar once. */
const inFlight = new Map<string, Promise<Read<unknown>>>();

/** Stores Polar's answer; a new key may push its tenant's least recently read entries out. */
async function store<T>(
  read: Pick<CachedRead<T>, "tenant" | "key" | "longTail">,
  data: T,
  readAt = new Date(),
) {
  const json = JSON.stringify(data);
  const longTail = read.longTail ?? false;
  const [{ inserted } = { inserted: false }] = await db.$queryRaw<{ inserted: boolean }[]>`
    INSERT INTO "PolarCache" (key, tenant, data, "readAt", "lastReadAt", "longTail", invalidated, "refreshingUntil")
    VALUES (${read.key}, ${read.tenant}, ${json}::jsonb, ${readAt}, now(), ${longTail}, false, NULL)
    ON CONFLICT (key) DO UPDATE SET
      data = EXCLUDED.data, "readAt" = EXCLUDED."readAt", "lastReadAt" = EXCLUDED."lastReadAt",
      invalidated = false, "refreshingUntil" = NULL
    RETURNING (xmax = 0) AS inserted`;
  if (inserted) await evictOverflow(read.tenant);
  sweep();
}

/** Deletes the tenant's entries beyond its cap: the long tail first, then the least recently read. */
async function evictOverflow(tenant: string) {
  const { maxEntriesPerTenant } = polarTrafficEnv();
  await db.$executeRaw`
    DELETE FROM "PolarCache" WHERE key IN (
      SELECT key FROM "PolarCache" WHERE tenant = ${tenant}
      ORDER BY "longTail" DESC, "lastReadAt" ASC
      LIMIT GREATEST(0, (SELECT count(*) FROM "PolarCache" WHERE tenant = ${tenant}) - ${maxEntriesPerTenant}::int)
    )`;
}

/** Runs `task` after the response has gone out (on Vercel, before the function freezes); outside a request, now. */
function afterResponse(task: () => Promise<unknown>) {
  const run = () =>
    task().catch((error: unknown) =>
      console.error("Polar read cache:", error instanceof Error ? error.message : error),
    );
  try {
    after(run);
  } catch {
    void run();
  }
}

const priorityOf = (read: CachedRead<unknown>): RequestPriority =>
  read.longTail ? "long-tail" : "interactive";

/** Polar's answer, uncached (POLAR_CACHE_FRESH_SECONDS=0 turns the cache off). */
async function askPolar<T>(read: CachedRead<T>): Promise<Read<T>> {
  try {
    return { ok: true, data: await read.load(priorityOf(read)), readAt: new Date() };
  } catch (error) {
    return { ok: false, problem: describePolarError(error, read.scope) };
  }
}

/** Asks Polar now; on a problem, serves `fallback` marked stale where that helps. */
function fetchNow<T>(read: CachedRead<T>, fallback?: { data: unknown; readAt: Date }): Promise<Read<T>> {
  const pending = inFlight.get(read.key);
  if (pending) return pending as Promise<Read<T>>;
  const fetching = (async (): Promise<Read<T>> => {
    try {
      const data = await read.load(priorityOf(read));
      const readAt = new Date();
      // The panel renders now; the entry is written after the response, so
      // the write takes no time from the render. Views on this instance share
      // this answer until it is written.
      afterResponse(() => store(read, data, readAt).finally(() => inFlight.delete(read.key)));
      return { ok: true, data, readAt };
    } catch (error) {
      inFlight.delete(read.key);
      const problem = describePolarError(error, read.scope);
      if (fallback && SERVE_STALE_ON.has(problem.kind))
        return { ok: true, data: fallback.data as T, readAt: fallback.readAt, stale: problem };
      return { ok: false, problem };
    }
  })();
  inFlight.set(read.key, fetching);
  return fetching;
}

/**
 * Refreshes an entry after the response, if no other request (on any instance)
 * is already at it and it still needs it. A background refresh only spends
 * budget that nobody waiting needs; when it fails the entry stays as it was,
 * and the next view past its claim tries again.
 */
function refreshLater<T>(read: CachedRead<T>, freshSeconds: number) {
  afterResponse(async () => {
    const now = new Date();
    const claimed = await db.polarCache.updateMany({
      where: {
        key: read.key,
        // Still in need: a view that found it so may get here after another refreshed it.
        OR: [{ invalidated: true }, { readAt: { lt: new Date(now.getTime() - freshSeconds * 1000) } }],
        AND: { OR: [{ refreshingUntil: null }, { refreshingUntil: { lt: now } }] },
      },
      data: { refreshingUntil: new Date(now.getTime() + REFRESH_CLAIM_MS) },
    });
    if (claimed.count === 0) return;
    let data: T;
    try {
      data = await read.load("background");
    } catch {
      return;
    }
    await store(read, data);
  });
}

/** Keys served since the last touch, whose read time is written in one statement after the response. */
const touched = new Set<string>();

/** Records that `key` was read, so that eviction keeps it (at most once a minute per entry). */
function touch(key: string) {
  touched.add(key);
  if (touched.size > 1) return;
  afterResponse(async () => {
    const keys = [...touched];
    touched.clear();
    await db.$executeRaw`
      UPDATE "PolarCache" SET "lastReadAt" = now() WHERE key = ANY(${keys}::text[])`;
  });
}

/** The cached answer to `read`, or Polar's, by the rules at the top of this file. */
export async function cachedRead<T>(read: CachedRead<T>): Promise<Read<T>> {
  const { freshSeconds, staleSeconds } = polarTrafficEnv();
  const [refusal, entry] = await Promise.all([
    read.refusal,
    freshSeconds === 0
      ? null
      : db.polarCache.findUnique({
          where: { key: read.key },
          select: { data: true, readAt: true, lastReadAt: true, invalidated: true },
        }),
  ]);
  if (refusal) return { ok: false, problem: refusal };
  if (freshSeconds === 0) return askPolar(read);
  if (!entry) return fetchNow(read);
  const age = (Date.now() - entry.readAt.getTime()) / 1000;
  const servable = !entry.invalidated && age < freshSeconds + staleSeconds;
  if (!servable && !read.slow) return fetchNow(read, entry);
  if (Date.now() - entry.lastReadAt.getTime() >= TOUCH_EVERY_MS) touch(read.key);
  if (!servable || age >= freshSeconds) refreshLater(read, freshSeconds);
  return { ok: true, data: entry.data as T, readAt: entry.readAt, ...(servable ? {} : { updating: true }) };
}

/** Stores an answer Polar gave to another request (after the response), as if `read` had asked for it. */
export function storeAnswer<T>(read: Pick<CachedRead<T>, "tenant" | "key">, data: T) {
  afterResponse(() => store(read, data));
}

/** Makes every read of `tenant` ask Polar again (its old entries stay as a fallback). */
export async function invalidateTenant(tenant: string) {
  await db.polarCache.updateMany({ where: { tenant }, data: { invalidated: true } });
}

/** A tenant's reads are renewed on request (Refresh) at most this often, whoever asks. */
const RENEW_EVERY_SECONDS = 10;

/**
 * Makes these reads of `tenant` ask Polar again (what one page shows), at most
 * once per RENEW_EVERY_SECONDS per tenant: false, and nothing renewed, when
 * asked sooner. The limit is one statement on the tenant's row.
 */
export async function renewReads(tenant: string, keys: string[]) {
  const allowed = await db.$queryRaw<unknown[]>`
    INSERT INTO "PolarCacheRefresh" (tenant, "refreshedAt") VALUES (${tenant}, now())
    ON CONFLICT (tenant) DO UPDATE SET "refreshedAt" = now()
    WHERE "PolarCacheRefresh"."refreshedAt" < now() - make_interval(secs => ${RENEW_EVERY_SECONDS})
    RETURNING 1`;
  if (allowed.length === 0) return false;
  await db.polarCache.updateMany({ where: { tenant, key: { in: keys } }, data: { invalidated: true } });
  return true;
}

/** Runs sweepCache at most once a minute per instance. */
const sweep = throttled(60_000, () => void sweepCache().catch(() => {}));

/**
 * Drops entries nobody read for a day, then the long tail and the least
 * recently read beyond POLAR_CACHE_MAX_ENTRIES.
 */
export async function sweepCache() {
  const { maxEntries } = polarTrafficEnv();
  await db.polarCache.deleteMany({
    where: { lastReadAt: { lt: new Date(Date.now() - KEEP_UNREAD_MS) } },
  });
  await db.$executeRaw`
    DELETE FROM "PolarCache" WHERE key IN (
      SELECT key FROM "PolarCache" ORDER BY "longTail" DESC, "lastReadAt" ASC
      LIMIT GREATEST(0, (SELECT count(*) FROM "PolarCache") - ${maxEntries}::int)
    )`;
}
