// Polar rate-limits per OAuth client: every user's token of this app shares one
// budget, 500 requests a minute in production and 100 in sandbox, and answers
// 429 with Retry-After beyond it. This budget keeps every server instance
// together under POLAR_REQUEST_BUDGET_PER_MINUTE (default 450, sandbox 90): a
// token bucket in PostgreSQL that refills at that rate and holds a tenth of it,
// so no 60-second window sees more than 1.1 × the budget (495 < 500). A request
// that finds the bucket empty may queue for up to MAX_WAIT_MS instead of failing
// (it takes a token the bucket has not refilled yet, and sleeps until then), so a
// burst is spread out rather than refused. A 429 pauses the client everywhere.
// A cached read reserves its request while it looks its entry up, so that a
// miss calls Polar without a second round trip first (BudgetReservation).
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { PolarRateLimitError } from "@polar-sh/sdk";
import { db } from "@/lib/db/client";
import { polarTrafficEnv } from "@/lib/env";
import { polarServer } from "./server";

const MAX_WAIT_MS = 2_000;

/** Where the budget says no: it is spent (or paused) for about `retryAfterSeconds`. */
export class RequestBudgetSpent extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`The app's Polar request budget is spent; retry in ${retryAfterSeconds} s.`);
    this.name = "RequestBudgetSpent";
  }
}

function bucket() {
  const { requestsPerMinute } = polarTrafficEnv();
  return {
    clientId: polarServer.clientId,
    perSecond: requestsPerMinute / 60,
    capacity: Math.max(1, requestsPerMinute / 10),
  };
}

/** A request waiting for its turn at the budget, and what it may wait. */
interface Taker {
  maxWaitMs: number;
  /** A reservation's: told false instead of refused when the bucket has none at hand. */
  optional: boolean;
  resolve: (taken: boolean) => void;
  reject: (error: unknown) => void;
}

/** Takers on this instance not yet sent to the database, and whether they are being sent. */
const queued: Taker[] = [];
let taking = false;

/**
 * Takes one request from the budget, waiting up to `maxWaitMs` for it; throws
 * RequestBudgetSpent when the wait would be longer or the client is paused.
 * Requests that ask together (a page's panels, whose cache lookups Prisma
 * answers in one query) go to the database in one statement, and those that
 * ask while it is in flight in the next: one statement at a time per instance,
 * instead of one per request queueing on the row's lock.
 */
function takeRequest(maxWaitMs: number, optional = false) {
  return new Promise<boolean>((resolve, reject) => {
    queued.push({ maxWaitMs, optional, resolve, reject });
    if (!taking && queued.length === 1) queueMicrotask(() => void takeQueued());
  });
}

/** Sends the queued takers to the database, a batch per statement, until none is left. */
async function takeQueued() {
  taking = true;
  while (queued.length > 0) {
    const batch = queued.splice(0);
    for (const maxWaitMs of new Set(batch.map((taker) => taker.maxWaitMs))) {
      // Calls first: a reservation only gets what they leave.
      const takers = batch
        .filter((taker) => taker.maxWaitMs === maxWaitMs)
        .sort((a, b) => Number(a.optional) - Number(b.optional));
      await takeFor(takers, maxWaitMs).catch((error: unknown) => takers.forEach((t) => t.reject(error)));
    }
  }
  taking = false;
}

/** Takes as many of `takers.length` requests as the bucket allows within `maxWaitMs`; refuses the rest. */
async function takeFor(takers: Taker[], maxWaitMs: number) {
  const { clientId, perSecond, capacity } = bucket();
  const floor = -perSecond * (maxWaitMs / 1000);
  let [taken] = await takeTokens(clientId, perSecond, capacity, floor, takers.length);
  // No row taken: the client's very first request (no row yet), or a pause.
  if (!taken) {
    await db.$executeRaw`
      INSERT INTO "PolarBudget" ("clientId", "tokens", "refilledAt") VALUES (${clientId}, ${capacity}, now())
      ON CONFLICT ("clientId") DO NOTHING`;
    [taken] = await takeTokens(clientId, perSecond, capacity, floor, takers.length);
  }
  const { level = 0, count = 0 } = taken ?? {};
  const refused = takers.slice(count);
  const refusal = refused.some((taker) => !taker.optional)
    ? await secondsUntilAvailable(clientId, perSecond, floor)
    : 0;
  takers.forEach((taker, i) => {
    if (i >= count)
      return taker.optional ? taker.resolve(false) : taker.reject(new RequestBudgetSpent(refusal));
    // The bucket may go below zero by what refills within maxWaitMs: the
    // request whose token is not there yet sleeps until it is.
    const missing = i + 1 - level;
    if (missing <= 0) return taker.resolve(true);
    setTimeout(() => taker.resolve(true), (missing / perSecond) * 1000);
  });
}

/**
 * Takes up to `count` tokens, leaving the bucket at `floor` at least; returns
 * no row while the client is paused. One statement, so takers on every
 * instance serialize on the row.
 */
function takeTokens(clientId: string, perSecond: number, capacity: number, floor: number, count: number) {
  return db.$queryRaw<{ level: number; count: number }[]>`
    WITH current AS (
      SELECT LEAST(${capacity}::float8, "tokens" + EXTRACT(EPOCH FROM now() - "refilledAt")::float8 * ${perSecond}) AS level
      FROM "PolarBudget"
      WHERE "clientId" = ${clientId} AND ("pausedUntil" IS NULL OR "pausedUntil" <= now())
      FOR UPDATE
    ), taken AS (
      SELECT level, LEAST(${count}::int, GREATEST(0, FLOOR(level - ${floor}::float8)))::int AS count FROM current
    )
    UPDATE "PolarBudget" AS b SET "tokens" = taken.level - taken.count, "refilledAt" = now()
    FROM taken WHERE b."clientId" = ${clientId}
    RETURNING taken.level, taken.count`;
}

/** Requests reserved and not used, to go back to the bucket in the next statement. */
let unused = 0;

/** Puts a reserved request back in the bucket, in one statement with those given back alongside it. */
function giveBack() {
  unused += 1;
  if (unused > 1) return;
  queueMicrotask(() => {
    const count = unused;
    unused = 0;
    const { clientId, capacity } = bucket();
    // Lost if this fails: the budget then errs on the side of fewer calls.
    db.$executeRaw`
      UPDATE "PolarBudget" SET "tokens" = LEAST(${capacity}::float8, "tokens" + ${count})
      WHERE "clientId" = ${clientId}`.catch(() => {});
  });
}

/**
 * One request taken from the budget ahead of a call that may not happen: a
 * cached read reserves one while it looks its entry up, so that a miss calls
 * Polar at once instead of going back to the database for its turn, and gives
 * it back on a hit. It waits for nothing: when the bucket has no request at
 * hand it holds none, and the call takes its turn as usual.
 */
export class BudgetReservation {
  private readonly held = takeRequest(0, true).catch(() => false);
  private settled = false;

  /** Whether the call may use the reserved request instead of taking its own (once). */
  use(): Promise<boolean> {
    if (this.settled) return Promise.resolve(false);
    this.settled = true;
    return this.held;
  }

  /** Gives the request back unused; nothing once it was used. */
  release(): void {
    if (this.settled) return;
    this.settled = true;
    void this.held.then((held) => held && giveBack());
  }
}

const reservations = new AsyncLocalStorage<BudgetReservation>();

/** Runs `task` so that its first Polar request uses what `reservation` holds. */
export function withReservation<T>(reservation: BudgetReservation, task: () => Promise<T>): Promise<T> {
  return reservations.run(reservation, task);
}

async function secondsUntilAvailable(clientId: string, perSecond: number, floor: number) {
  const [row] = await db.$queryRaw<{ paused: number | null; tokens: number }[]>`
    SELECT EXTRACT(EPOCH FROM "pausedUntil" - now())::float8 AS paused,
           "tokens" + EXTRACT(EPOCH FROM now() - "refilledAt")::float8 * ${perSecond} AS tokens
    FROM "PolarBudget" WHERE "clientId" = ${clientId}`;
  const untilRefilled = row ? (floor + 1 - row.tokens) / perSecond : 0;
  return Math.max(1, Math.ceil(Math.max(row?.paused ?? 0, untilRefilled)));
}

/** After Polar answered 429: no instance calls it for `seconds` (its Retry-After). */
async function pauseRequests(seconds: number) {
  const { clientId } = bucket();
  await db.$executeRaw`
    UPDATE "PolarBudget" SET
      "pausedUntil" = GREATEST(COALESCE("pausedUntil", now()), now() + make_interval(secs => ${seconds})),
      "tokens" = LEAST("tokens", 0)
    WHERE "clientId" = ${clientId}`;
}

/**
 * Runs one Polar API request within the client's budget: with the request
 * reserved for it (withReservation) when there is one, else taking its turn.
 * Throws RequestBudgetSpent instead of calling Polar when the budget is spent,
 * and pauses every instance when Polar answers 429 anyway (then rethrows it).
 */
export async function withinRequestBudget<T>(request: () => Promise<T>, maxWaitMs = MAX_WAIT_MS): Promise<T> {
  if (!(await reservations.getStore()?.use())) await takeRequest(maxWaitMs);
  try {
    return await request();
  } catch (error) {
    if (error instanceof PolarRateLimitError) await pauseRequests(error.retryAfter ?? 60);
    throw error;
  }
}
