// The Polar read cache against the real PostgreSQL and the emulator: what a
// view serves (fresh, stale while it refreshes, invalidated, a fallback when
// Polar cannot be asked) and how many calls reach Polar for it.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { setUpEmulator } from "@/test-support/integration";
import { until } from "@/test-support/until";
import { ACME_ID, ADA_ID, NEBULA_ID } from "polar-emulator/seed";
import { control, authorizationCodeTokens } from "polar-emulator/testing";
import type { PolarProblem } from "@/lib/polar/errors";
import type { RequestPriority } from "./request-budget";

let issuer: string;
let accessToken: string;
let cache: typeof import("./read-cache");
let callPolar: typeof import("./call-polar").callPolar;

const db = setUpEmulator(async (polar) => {
  issuer = polar.issuer;
  cache = await import("./read-cache");
  ({ callPolar } = await import("./call-polar"));
});

beforeEach(async () => {
  vi.stubEnv("POLAR_CACHE_FRESH_SECONDS", "30");
  vi.stubEnv("POLAR_CACHE_STALE_SECONDS", "300");
  vi.stubEnv("POLAR_REQUEST_BUDGET_PER_MINUTE", "450");
  vi.stubEnv("POLAR_CACHE_MAX_ENTRIES_PER_TENANT", undefined);
  vi.stubEnv("POLAR_CACHE_MAX_ENTRIES", undefined);
  ({ access_token: accessToken } = await authorizationCodeTokens(issuer, {
    userId: ADA_ID,
    subType: "organization",
    organizationId: NEBULA_ID,
    scope: "openid organizations:read products:read",
  }));
});

const tenant = `organization:${NEBULA_ID}`;

/** A products read of Nebula Labs, as a dashboard panel makes it (page 1 unless said). */
function productsRead(page = 1) {
  return {
    tenant,
    key: `${tenant}:products:${page}:5:`,
    scope: "products:read",
    longTail: page > 1,
    load: (priority: RequestPriority) =>
      callPolar(
        accessToken,
        { tenant, person: ADA_ID, priority },
        (polar) => polar.products.list({ page, limit: 5 }),
        { organizationId: NEBULA_ID },
      ).then((r) => r.pagination),
  };
}

async function productCalls() {
  const stats = (await (await control(issuer, "stats")).json()) as { api: Record<string, number> };
  return stats.api["GET /v1/products/"] ?? 0;
}

/** Waits until the read answered from Polar has been written (after its response, in the app). */
async function written(count = 1) {
  await until(async () => (await db.polarCache.count({ where: { invalidated: false } })) >= count);
}

/** Makes the entry `seconds` old, as if it had been read that long ago. */
async function age(seconds: number) {
  await db.polarCache.updateMany({ data: { readAt: new Date(Date.now() - seconds * 1000) } });
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
  await until(async () => (await db.polarCache.findFirstOrThrow()).refreshingUntil === null);
  const refreshed = await cache.cachedRead(productsRead());
  expect(refreshed.ok && first.ok && refreshed.readAt > first.readAt).toBe(true);
  expect(await productCalls()).toBe(2);
});

it("asks Polar before answering once an entry is invalidated or past its stale window", async () => {
  await cache.cachedRead(productsRead());
  await written();
  await cache.invalidateTenant(tenant);
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
  await cache.invalidateTenant(tenant);
  await control(issuer, "api-failures", { status: 503, path: "/v1/products", count: 2 });
  const fallback = await cache.cachedRead(productsRead());
  expect(fallback).toMatchObject({ ok: true, stale: { kind: "unavailable" } });

  await db.$executeRaw`TRUNCATE "PolarCache"`;
  expect(await cache.cachedRead(productsRead())).toEqual({ ok: false, problem: { kind: "unavailable" } });
});

it("never serves an entry past a refused grant", async () => {
  await cache.cachedRead(productsRead());
  await written();
  await cache.invalidateTenant(tenant);
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
  await cache.invalidateTenant(tenant);
  expect(await cache.cachedRead(refused({ kind: "reconnect" }))).toEqual({
    ok: false,
    problem: { kind: "reconnect" },
  });
  expect(await productCalls()).toBe(1);
  // A check that passes late still gets the entry it was looked up alongside.
  const late = new Promise<undefined>((resolve) => setTimeout(resolve, 50));
  expect(await cache.cachedRead({ ...productsRead(), refusal: late })).toMatchObject({ ok: true });
});

it("writes nothing to the request budget on a hit", async () => {
  await cache.cachedRead(productsRead());
  await written();
  const budget = async () => db.polarBudget.findMany({ orderBy: [{ tenant: "asc" }, { person: "asc" }] });
  const before = await budget();
  const statements = vi.spyOn(db, "$queryRaw");
  try {
    const hits = await Promise.all(Array.from({ length: 5 }, () => cache.cachedRead(productsRead())));
    expect(hits.every((hit) => hit.ok)).toBe(true);
    expect(statements).not.toHaveBeenCalled();
  } finally {
    statements.mockRestore();
  }
  expect(await budget()).toEqual(before);
});

it("asks Polar on every view with POLAR_CACHE_FRESH_SECONDS=0, and stores nothing", async () => {
  vi.stubEnv("POLAR_CACHE_FRESH_SECONDS", "0");
  await cache.cachedRead(productsRead());
  await cache.cachedRead(productsRead());
  expect(await productCalls()).toBe(2);
  expect(await db.polarCache.count()).toBe(0);
});

describe("bounds", () => {
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
  /** Entries of `of` as if read long ago and last served `lastRead` minutes ago. */
  function entries(of: string, lastRead: number[], longTail = false) {
    return db.polarCache.createMany({
      data: lastRead.map((minutes, i) => ({
        key: `${of}:seed:${longTail ? "tail" : "core"}:${i}`,
        tenant: of,
        data: {},
        readAt: new Date(),
        lastReadAt: minutesAgo(minutes),
        longTail,
      })),
    });
  }
  const keys = async (of = tenant) =>
    (await db.polarCache.findMany({ where: { tenant: of }, select: { key: true } })).map((e) => e.key);
  /** Waits until `key` is stored and its tenant back within its cap (the eviction follows the write). */
  const stored = (key: string, cap = 10) =>
    until(async () => (await db.polarCache.count({ where: { key } })) === 1 && (await keys()).length <= cap);

  it("keeps an tenant within its cap: the long tail goes first, then the least recently read", async () => {
    vi.stubEnv("POLAR_CACHE_MAX_ENTRIES_PER_TENANT", "10");
    await entries(tenant, [10, 9, 8, 7, 6, 5, 4, 3]);
    await entries(tenant, [2, 1], true);
    const neighbour = `organization:${ACME_ID}`;
    await entries(neighbour, [60, 50]);

    await cache.cachedRead(productsRead(1));
    await stored(productsRead(1).key);
    expect(await keys()).toHaveLength(10);
    expect(await keys()).not.toContain(`${tenant}:seed:tail:0`);

    await cache.cachedRead(productsRead(2)); // long tail itself
    await stored(productsRead(2).key);
    expect(await keys()).not.toContain(`${tenant}:seed:tail:1`);

    await cache.cachedRead(productsRead(3)); // long tail: the newest long tail goes before any core entry
    await stored(productsRead(3).key);
    expect(await keys()).not.toContain(productsRead(2).key);
    expect((await keys()).filter((key) => key.includes(":core:"))).toHaveLength(8);

    const another = (name: string) => ({ ...productsRead(1), key: `${tenant}:products:1:5:${name}` });
    await cache.cachedRead(another("a"));
    await stored(another("a").key);
    expect(await keys()).not.toContain(productsRead(3).key);
    expect(await keys()).toContain(`${tenant}:seed:core:0`);
    await cache.cachedRead(another("b"));
    await stored(another("b").key);
    expect(await keys()).toHaveLength(10);
    expect(await keys()).not.toContain(`${tenant}:seed:core:0`);
    // Another organization's entries are never evicted for this one's.
    expect(await keys(neighbour)).toHaveLength(2);
  });

  it("keeps the whole cache within POLAR_CACHE_MAX_ENTRIES, and drops what nobody read for a day", async () => {
    vi.stubEnv("POLAR_CACHE_MAX_ENTRIES", "100");
    await entries(
      "organization:a",
      Array.from({ length: 60 }, (_, i) => 100 - i),
    );
    await entries(
      "organization:b",
      Array.from({ length: 45 }, (_, i) => 50 - i),
    );
    await entries("organization:b", [1, 2], true);
    await entries("organization:c", [25 * 60]);
    await cache.sweepCache();
    expect(await db.polarCache.count()).toBe(100);
    expect(await keys("organization:c")).toEqual([]);
    expect((await keys("organization:b")).some((key) => key.includes(":tail:"))).toBe(false);
    // 107 left after a day's sweep: the 2 long-tail entries and the 5 least
    // recently read of the rest (organization a's oldest) went.
    expect(await keys("organization:a")).toHaveLength(55);
  });

  it("records when a hit was read at most once a minute, so hits stay write-free", async () => {
    await cache.cachedRead(productsRead());
    await stored(productsRead().key);
    const lastReadAt = async () =>
      (await db.polarCache.findFirstOrThrow({ where: { key: productsRead().key } })).lastReadAt;
    await db.polarCache.updateMany({ data: { lastReadAt: minutesAgo(0.5) } });
    const recent = await lastReadAt();
    await cache.cachedRead(productsRead());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await lastReadAt()).toEqual(recent);

    await db.polarCache.updateMany({ data: { lastReadAt: minutesAgo(2) } });
    await cache.cachedRead(productsRead());
    await until(async () => Date.now() - (await lastReadAt()).getTime() < 5_000);
    expect(Date.now() - (await lastReadAt()).getTime()).toBeLessThan(5_000);
  });
});

it("serves a slow read's old copy at once, marked as updating, while a new one loads", async () => {
  const metrics = {
    tenant,
    key: `${tenant}:metrics:test`,
    scope: "metrics:read",
    slow: true,
    load: () => new Promise<{ at: number }>((resolve) => setTimeout(() => resolve({ at: Date.now() }), 500)),
  };
  const first = await cache.cachedRead(metrics);
  await written();
  await cache.invalidateTenant(tenant);
  const started = Date.now();
  const served = await cache.cachedRead(metrics);
  expect(Date.now() - started).toBeLessThan(400);
  expect(served).toMatchObject({ ok: true, updating: true, data: first.ok ? first.data : undefined });
  await until(async () => {
    const entry = await db.polarCache.findFirstOrThrow({ where: { key: metrics.key } });
    return !entry.invalidated;
  });
  const renewed = await cache.cachedRead(metrics);
  expect(renewed.ok && first.ok && renewed.data.at > first.data.at && !renewed.updating).toBe(true);
});
