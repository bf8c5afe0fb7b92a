// Polar reads, cached in PostgreSQL for every server instance. An entry is
// fresh for POLAR_CACHE_FRESH_SECONDS (30): served as is. Then, for
// POLAR_CACHE_STALE_SECONDS (300) more, it is still served while one request,
// on one instance, refreshes it after its response has gone out. Past that, or
// once invalidated (disconnect, reconnect, Refresh), a read asks Polar before it
// answers. When Polar cannot be asked (the request budget is spent, Polar is
// rate limiting or down) any entry still at hand is served, marked stale.
// POLAR_CACHE_FRESH_SECONDS=0 turns the cache off: every view asks Polar.
//
// Why PostgreSQL and not Next's "use cache": the app already runs on one
// Postgres, which every instance shares on any host (Next's default cache
// handler is per instance off Vercel); the budget needs a shared atomic counter
// anyway; and a spent budget must be able to serve an old entry without a
// refetch, which "use cache"'s revalidation decides on its own. Pages stay
// dynamic, so the per-request nonce Content-Security-Policy is untouched.
import "server-only";
import { after } from "next/server";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { polarTrafficEnv } from "@/lib/env";
import { describePolarError, type PolarProblem, type Result } from "./errors";
import { BudgetReservation, withReservation } from "./request-budget";

/** A read as a panel shows it: its data, when Polar answered it, and why it could not be refreshed if so. */
export type Read<T> = Result<{ data: T; readAt: Date; stale?: PolarProblem }>;

/** What one cached read is: its entry's key, whose data it is, and how Polar answers it. */
export interface CachedRead<T> {
  /** `organization:<id>` or `user:<id>`: invalidated together. */
  owner: string;
  /** Unique per owner and read, e.g. `organization:<id>:products:1:20:`. */
  key: string;
  /** The OAuth scope the read needs, for the "permission needed" notice. */
  scope: string;
  /** Asks Polar; its answer must be plain JSON (it is stored as is). */
  load: () => Promise<T>;
  /**
   * Why this request may not have the read (the connection check), settled
   * while the entry is looked up: nothing is served or asked of Polar before it
   * settles, and nothing at all when it names a problem.
   */
  refusal?: Promise<PolarProblem | undefined>;
}

/** Problems that keep an old entry useful; the others (reconnect, missing scope) hide it. */
const SERVE_STALE_ON = new Set<PolarProblem["kind"]>(["busy", "rate-limited", "unavailable", "unexpected"]);
const REFRESH_CLAIM_MS = 30_000;
const KEEP_MS = 24 * 60 * 60 * 1000;

/** Reads in flight on this instance, so concurrent misses of one key ask Polar once. */
const inFlight = new Map<string, Promise<Read<unknown>>>();

async function store<T>(read: CachedRead<T>, data: T, readAt = new Date()) {
  const row = {
    owner: read.owner,
    data: data as Prisma.InputJsonValue,
    readAt,
    invalidated: false,
    refreshingUntil: null,
  };
  await db.polarCacheEntry.upsert({
    where: { key: read.key },
    create: { key: read.key, ...row },
    update: row,
  });
  sweep();
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

/** Polar's answer, uncached (POLAR_CACHE_FRESH_SECONDS=0 turns the cache off). */
async function askPolar<T>(read: CachedRead<T>, reservation: BudgetReservation): Promise<Read<T>> {
  try {
    return { ok: true, data: await withReservation(reservation, read.load), readAt: new Date() };
  } catch (error) {
    return { ok: false, problem: describePolarError(error, read.scope) };
  }
}

/**
 * Asks Polar now, with the request `reservation` holds; on a problem, serves
 * `fallback` marked stale where that helps.
 */
function fetchNow<T>(
  read: CachedRead<T>,
  reservation: BudgetReservation,
  fallback?: { data: unknown; readAt: Date },
): Promise<Read<T>> {
  const pending = inFlight.get(read.key);
  if (pending) return pending as Promise<Read<T>>;
  const fetching = (async (): Promise<Read<T>> => {
    try {
      const data = await withReservation(reservation, read.load);
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

/** Refreshes a stale entry after the response, if no other request (on any instance) is already at it. */
function refreshLater<T>(read: CachedRead<T>, freshSeconds: number) {
  const refresh = async () => {
    const now = new Date();
    const claimed = await db.polarCacheEntry.updateMany({
      where: {
        key: read.key,
        // Still stale: a view that found it stale may get here after another refreshed it.
        readAt: { lt: new Date(now.getTime() - freshSeconds * 1000) },
        OR: [{ refreshingUntil: null }, { refreshingUntil: { lt: now } }],
      },
      data: { refreshingUntil: new Date(now.getTime() + REFRESH_CLAIM_MS) },
    });
    if (claimed.count === 0) return;
    try {
      await store(read, await read.load());
    } catch {
      // The entry stays as it was; the next read past its claim tries again.
    }
  };
  afterResponse(refresh);
}

/** The cached answer to `read`, or Polar's, by the rules at the top of this file. */
export async function cachedRead<T>(read: CachedRead<T>): Promise<Read<T>> {
  const { freshSeconds, staleSeconds } = polarTrafficEnv();
  // The request a miss makes is taken from the budget alongside the lookup;
  // whatever does not use it (a hit, a refusal, a read already in flight)
  // gives it back.
  const reservation = new BudgetReservation();
  try {
    const [refusal, entry] = await Promise.all([
      read.refusal,
      freshSeconds === 0
        ? null
        : db.polarCacheEntry.findUnique({
            where: { key: read.key },
            select: { data: true, readAt: true, invalidated: true },
          }),
    ]);
    if (refusal) return { ok: false, problem: refusal };
    if (freshSeconds === 0) return await askPolar(read, reservation);
    if (!entry) return await fetchNow(read, reservation);
    const age = (Date.now() - entry.readAt.getTime()) / 1000;
    if (entry.invalidated || age >= freshSeconds + staleSeconds)
      return await fetchNow(read, reservation, entry);
    if (age >= freshSeconds) refreshLater(read, freshSeconds);
    return { ok: true, data: entry.data as T, readAt: entry.readAt };
  } finally {
    reservation.release();
  }
}

/** The cache entries of one organization, shared by everyone connected to it. */
export const organizationOwner = (organizationId: string) => `organization:${organizationId}`;

/** The cache entries of one user's own reads (their organizations). */
export const userOwner = (userId: string) => `user:${userId}`;

/** Makes every read of `owner` ask Polar again (its old entries stay as a fallback). */
export async function invalidateOwner(owner: string) {
  await db.polarCacheEntry.updateMany({ where: { owner }, data: { invalidated: true } });
}

let sweptAt = 0;

/** Now and then, drops entries too old to serve even as a fallback. */
function sweep() {
  if (Date.now() - sweptAt < 60_000) return;
  sweptAt = Date.now();
  void db.polarCacheEntry
    .deleteMany({ where: { readAt: { lt: new Date(Date.now() - KEEP_MS) } } })
    .catch(() => {});
}
