// The Polar read cache against the real PostgreSQL and the emulator: what a
// view serves (fresh, stale while it refreshes, invalidated, a fallback when
// Polar cannot be asked) and how many calls reach Polar for it.
import { afterAll, beforeEach, expect, it, vi } from "vitest";
import { RESET_DATABASE } from "@/test-support/reset-database";
import { until } from "@/test-support/until";
import { ADA_ID, NEBULA_ID } from "polar-emulator/seed";
import { control, signIn } from "polar-emulator/testing";
import { withEmulator } from "polar-emulator/vitest";
import type { PolarProblem } from "./errors";

let issuer: string;
let accessToken: string;
let cache: typeof import("./read-cache");
let callPolar: typeof import("./client").callPolar;
let db: typeof import("@/lib/db/client").db;

withEmulator(async (url) => {
  issuer = url;
  process.env.POLAR_EMULATOR_URL = url;
  cache = await import("./read-cache");
  ({ callPolar } = await import("./client"));
  ({ db } = await import("@/lib/db/client"));
});

beforeEach(async () => {
  process.env.POLAR_CACHE_FRESH_SECONDS = "30";
  process.env.POLAR_CACHE_STALE_SECONDS = "300";
  process.env.POLAR_REQUEST_BUDGET_PER_MINUTE = "450";
  await db.$executeRawUnsafe(RESET_DATABASE);
  ({ access_token: accessToken } = await signIn(issuer, {
    userId: ADA_ID,
    subType: "organization",
    organizationId: NEBULA_ID,
    scope: "openid organizations:read products:read",
  }));
});

afterAll(() => db?.$disconnect());

const owner = `organization:${NEBULA_ID}`;

/** The products read of Nebula Labs, as a dashboard panel makes it. */
function productsRead() {
  return {
    owner,
    key: `${owner}:products:1:5:`,
    scope: "products:read",
    load: () =>
      callPolar(accessToken, NEBULA_ID, (polar) => polar.products.list({ limit: 5 })).then(
        (r) => r.pagination,
      ),
  };
}

async function productCalls() {
  const stats = (await (await control(issuer, "stats")).json()) as { api: Record<string, number> };
  return stats.api["GET /v1/products/"] ?? 0;
}

/** Waits until the read answered from Polar has been written (after its response, in the app). */
async function written(count = 1) {
  await until(async () => (await db.polarCacheEntry.count({ where: { invalidated: false } })) >= count);
}

/** Makes the entry `seconds` old, as if it had been read that long ago. */
async function age(seconds: number) {
  await db.polarCacheEntry.updateMany({ data: { readAt: new Date(Date.now() - seconds * 1000) } });
}

it("asks Polar once for a fresh entry, however many views read it at once", async () => {
  const views = await Promise.all(Array.from({ length: 10 }, () => cache.cachedRead(productsRead())));
  expect(views.every((view) => view.ok && !view.stale)).toBe(true);
  await cache.cachedRead(productsRead());
  expect(await productCalls()).toBe(1);
});

it("serves a stale entry at once and refreshes it once in the background", async () => {
  const first = await cache.cachedRead(productsRead());
  await written();
  await age(45);
  const stale = await Promise.all(Array.from({ length: 5 }, () => cache.cachedRead(productsRead())));
  expect(stale.every((view) => view.ok && view.readAt.getTime() < Date.now() - 40_000)).toBe(true);
  await until(async () => (await productCalls()) === 2);
  await until(async () => (await db.polarCacheEntry.findFirstOrThrow()).refreshingUntil === null);
  const refreshed = await cache.cachedRead(productsRead());
  expect(refreshed.ok && first.ok && refreshed.readAt > first.readAt).toBe(true);
  expect(await productCalls()).toBe(2);
});

it("asks Polar before answering once an entry is invalidated or past its stale window", async () => {
  await cache.cachedRead(productsRead());
  await written();
  await cache.invalidateOwner(owner);
  const afterInvalidation = await cache.cachedRead(productsRead());
  await written();
  expect(afterInvalidation.ok && Date.now() - afterInvalidation.readAt.getTime() < 2_000).toBe(true);
  expect(await productCalls()).toBe(2);

  await age(400);
  const afterExpiry = await cache.cachedRead(productsRead());
  expect(afterExpiry.ok && Date.now() - afterExpiry.readAt.getTime() < 2_000).toBe(true);
  expect(await productCalls()).toBe(3);
});

it("serves the old entry marked stale when Polar fails, and the problem when there is none", async () => {
  await cache.cachedRead(productsRead());
  await written();
  await cache.invalidateOwner(owner);
  await control(issuer, "api-failures", { status: 503, path: "/v1/products", count: 2 });
  const fallback = await cache.cachedRead(productsRead());
  expect(fallback).toMatchObject({ ok: true, stale: { kind: "unavailable" } });

  await db.$executeRaw`TRUNCATE "PolarCache"`;
  expect(await cache.cachedRead(productsRead())).toEqual({ ok: false, problem: { kind: "unavailable" } });
});

it("never serves an entry past a refused grant", async () => {
  await cache.cachedRead(productsRead());
  await written();
  await cache.invalidateOwner(owner);
  await control(issuer, "api-failures", { status: 401, path: "/v1/products", count: 1 });
  expect(await cache.cachedRead(productsRead())).toEqual({ ok: false, problem: { kind: "reconnect" } });
});

it("serves nothing and asks Polar nothing for a request whose check refuses it", async () => {
  await cache.cachedRead(productsRead());
  await written();
  const refused = (problem: PolarProblem) => ({ ...productsRead(), refusal: Promise.resolve(problem) });
  expect(await cache.cachedRead(refused({ kind: "not-connected" }))).toEqual({
    ok: false,
    problem: { kind: "not-connected" },
  });
  await cache.invalidateOwner(owner);
  expect(await cache.cachedRead(refused({ kind: "reconnect" }))).toEqual({
    ok: false,
    problem: { kind: "reconnect" },
  });
  expect(await productCalls()).toBe(1);
  // A check that passes late still gets the entry it was looked up alongside.
  const late = new Promise<undefined>((resolve) => setTimeout(resolve, 50));
  expect(await cache.cachedRead({ ...productsRead(), refusal: late })).toMatchObject({ ok: true });
});

it("calls Polar on the request reserved during a miss's lookup, and gives back a hit's", async () => {
  await cache.cachedRead(productsRead()); // the budget's row exists from here on
  await written();
  await cache.invalidateOwner(owner);
  const statements = vi.spyOn(db, "$queryRaw");
  try {
    expect(await cache.cachedRead(productsRead())).toMatchObject({ ok: true });
    expect(statements).toHaveBeenCalledTimes(1);
  } finally {
    statements.mockRestore();
  }
  await written();
  const stored = async () => (await db.polarRequestBudget.findFirstOrThrow()).tokens;
  const before = await stored();
  await Promise.all(Array.from({ length: 5 }, () => cache.cachedRead(productsRead())));
  await until(async () => (await stored()) >= before);
  expect(await stored()).toBeGreaterThanOrEqual(before);
});

it("asks Polar on every view with POLAR_CACHE_FRESH_SECONDS=0, and stores nothing", async () => {
  process.env.POLAR_CACHE_FRESH_SECONDS = "0";
  await cache.cachedRead(productsRead());
  await cache.cachedRead(productsRead());
  expect(await productCalls()).toBe(2);
  expect(await db.polarCacheEntry.count()).toBe(0);
});
