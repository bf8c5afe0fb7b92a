// The per-client request budget against the real PostgreSQL and the emulator:
// a burst gets the bucket and a short queue, the rest is refused before Polar;
// requests that ask together share one statement; tenants and the people within
// them get their share whatever a neighbour does; background refreshes give
// way; a 429 from Polar pauses every later request for its Retry-After.
import { PolarRateLimitError } from "@polar-sh/sdk";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { setUpEmulator } from "@/test-support/integration";
import { ADA_ID } from "polar-emulator/seed";
import { control, authorizationCodeTokens } from "polar-emulator/testing";
import type { Requester, RequestPriority } from "./request-budget";

let issuer: string;
let budget: typeof import("./request-budget");
let callPolar: typeof import("./call-polar").callPolar;
// Imported once the emulator runs: the app's modules read the Polar server when loaded.
let RequestBudgetSpent: typeof import("@/lib/polar/errors").RequestBudgetSpent;

const db = setUpEmulator(async (polar) => {
  issuer = polar.issuer;
  budget = await import("./request-budget");
  ({ callPolar } = await import("./call-polar"));
  ({ RequestBudgetSpent } = await import("@/lib/polar/errors"));
});

async function emulatorStats() {
  return (await (await control(issuer, "stats")).json()) as {
    api: Record<string, number>;
    rate_limited: number;
  };
}

const requester = (tenant: string, person = "ada", priority: RequestPriority = "interactive"): Requester => ({
  tenant: `organization:${tenant}`,
  person,
  priority,
});

/** Asks for `count` requests at once; resolves with how many the budget granted. */
async function granted(count: number, who: Requester, maxWaitMs?: number) {
  const outcomes = await Promise.allSettled(
    Array.from({ length: count }, () => budget.withinRequestBudget(who, async () => undefined, maxWaitMs)),
  );
  for (const outcome of outcomes)
    if (outcome.status === "rejected") expect(outcome.reason).toBeInstanceOf(RequestBudgetSpent);
  return outcomes.filter((outcome) => outcome.status === "fulfilled").length;
}

it("lets a burst through up to the bucket and a 2-second queue, and refuses the rest with when to retry", async () => {
  // 60 a minute: one a second, a bucket of 6, and 2 more queued for up to 2 s.
  vi.stubEnv("POLAR_REQUEST_BUDGET_PER_MINUTE", "60");
  const started = Date.now();
  const outcomes = await Promise.all(
    Array.from({ length: 20 }, () =>
      budget
        .withinRequestBudget(requester("a"), async () => Date.now())
        .then(
          (at) => ({ ran: at - started }),
          (error: unknown) => ({ refused: error }),
        ),
    ),
  );
  const ran = outcomes.flatMap((o) => ("ran" in o ? [o.ran] : []));
  const refused = outcomes.flatMap((o) => ("refused" in o ? [o.refused] : []));
  expect(ran.length).toBeGreaterThanOrEqual(8);
  expect(ran.length).toBeLessThanOrEqual(9);
  expect(Math.max(...ran)).toBeGreaterThan(900);
  expect(Math.max(...ran)).toBeLessThan(2_600);
  for (const error of refused) {
    expect(error).toBeInstanceOf(RequestBudgetSpent);
    expect((error as InstanceType<typeof RequestBudgetSpent>).retryAfterSeconds).toBeGreaterThanOrEqual(1);
  }
});

it("checks and debits the client, the tenant and the person in one statement, for everyone asking together", async () => {
  vi.stubEnv("POLAR_REQUEST_BUDGET_PER_MINUTE", "450");
  const statements = vi.spyOn(db, "$queryRaw");
  try {
    await Promise.all(
      Array.from({ length: 6 }, () => budget.withinRequestBudget(requester("a"), async () => undefined)),
    );
    expect(statements).toHaveBeenCalledTimes(1);
  } finally {
    statements.mockRestore();
  }
  const rows = await db.polarBudget.findMany({ orderBy: [{ tenant: "asc" }, { person: "asc" }] });
  expect(rows.map(({ tenant, person }) => [tenant, person])).toEqual([
    ["", ""],
    ["organization:a", ""],
    ["organization:a", "ada"],
  ]);
  // The client's bucket of 45 gave 6; the tenant and the person, alone, have shares as big.
  expect(rows.map((row) => Math.round(row.tokens))).toEqual([39, 39, 39]);
});

describe("fair shares", () => {
  beforeEach(() => {
    // 60 a minute: one a second, a bucket of 6 requests.
    vi.stubEnv("POLAR_REQUEST_BUDGET_PER_MINUTE", "60");
  });

  it("keeps a tenant's share when another tenant's searches take all they can", async () => {
    await granted(1, requester("calm"));
    // The abuser's searches borrow down to three quarters of the bucket, then use their share.
    const abuser = requester("abuser", "mallory", "long-tail");
    const taken = await granted(20, abuser, 0);
    expect(taken).toBeLessThanOrEqual(4);
    expect(await granted(20, abuser, 0)).toBe(0);
    // The calm tenant still has its share, and may borrow what is left above a quarter.
    expect(await granted(2, requester("calm"), 0)).toBe(2);
  });

  it("keeps a person's share when someone else of the same tenant takes all they can", async () => {
    await granted(1, requester("org", "katherine"));
    expect(await granted(20, requester("org", "mallory", "long-tail"), 0)).toBeLessThanOrEqual(4);
    expect(await granted(1, requester("org", "katherine"), 0)).toBe(1);
  });

  it("holds a tenant's people together to the tenant's share", async () => {
    await granted(1, requester("calm"));
    // Mallory takes her tenant's whole share while she is its only person.
    expect(await granted(20, requester("abuser", "mallory", "long-tail"), 0)).toBe(3);
    // Her colleague then has a person's share, but the tenant has none left.
    expect(await granted(20, requester("abuser", "trent", "long-tail"), 0)).toBe(0);
    expect(await granted(1, requester("calm"), 0)).toBe(1);
  });

  it("lets a tenant borrow beyond its share while the bucket has room", async () => {
    // 120 a minute: a bucket of 12. Two tenants active: a share is half of it.
    vi.stubEnv("POLAR_REQUEST_BUDGET_PER_MINUTE", "120");
    await granted(1, requester("other"));
    // Its share of 6, and 2 borrowed down to a quarter of the bucket (3 of 11 left).
    expect(await granted(10, requester("busy"), 0)).toBe(8);
    expect(await granted(1, requester("busy"), 0)).toBe(0);
    expect(await granted(1, requester("other"), 0)).toBe(1);
  });

  it("lends before it queues: a page beyond its share does not wait while the bucket has room", async () => {
    vi.stubEnv("POLAR_REQUEST_BUDGET_PER_MINUTE", "120");
    await granted(1, requester("other"));
    const started = Date.now();
    // Its share of 6 and 2 borrowed, at once; queued within its share, the last two would wait 1 to 2 s.
    const ran = await Promise.all(
      Array.from({ length: 8 }, () =>
        budget.withinRequestBudget(requester("busy"), async () => Date.now() - started),
      ),
    );
    expect(Math.max(...ran)).toBeLessThan(500);
  });

  it("sizes shares by the tenants that asked in the last minute", async () => {
    await granted(1, requester("gone"));
    await db.polarBudget.updateMany({
      where: { tenant: "organization:gone" },
      data: { askedAt: new Date(Date.now() - 61_000) },
    });
    await granted(1, requester("here"));
    const here = await db.polarBudget.findFirstOrThrow({
      where: { tenant: "organization:here", person: "" },
    });
    // Alone in the last minute: its share is the whole bucket, less the one it took.
    expect(Math.round(here.tokens)).toBe(5);
  });

  it("gives background refreshes only what is spare: they stop at half the bucket", async () => {
    expect(await granted(6, requester("a", "ada", "background"), 0)).toBe(3);
    expect(await granted(1, requester("a", "ada", "background"), 0)).toBe(0);
    expect(await granted(2, requester("a"), 0)).toBe(2);
  });
});

it("pauses every request for Retry-After once Polar answers 429", async () => {
  vi.stubEnv("POLAR_REQUEST_BUDGET_PER_MINUTE", "450");
  const { access_token } = await authorizationCodeTokens(issuer, {
    userId: ADA_ID,
    subType: "user",
    scope: "openid organizations:read",
  });
  await control(issuer, "settings", { rate_limit_per_minute: 1 });
  const list = () => callPolar(access_token, requester("a"), (polar) => polar.organizations.list({}));
  await list();
  await expect(list()).rejects.toBeInstanceOf(PolarRateLimitError);
  const refused = await list().catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(RequestBudgetSpent);
  expect((refused as InstanceType<typeof RequestBudgetSpent>).retryAfterSeconds).toBeGreaterThan(30);
  // The third request never reached Polar: two did, one of them answered 429.
  const stats = await emulatorStats();
  expect(stats.rate_limited).toBe(1);
  expect(stats.api["GET /v1/organizations/"]).toBe(2);
});
