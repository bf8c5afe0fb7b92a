// The per-client request budget against the real PostgreSQL and the emulator:
// a burst gets the bucket and a short queue, the rest is refused before Polar;
// requests that ask together share one statement; a 429 from Polar pauses
// every later request for its Retry-After; a reserved request serves its call
// without a second statement, and goes back to the bucket unused.
import { PolarRateLimitError } from "@polar-sh/sdk";
import { afterAll, beforeEach, expect, it, vi } from "vitest";
import { RESET_DATABASE } from "@/test-support/reset-database";
import { until } from "@/test-support/until";
import { ADA_ID } from "polar-emulator/seed";
import { control, signIn } from "polar-emulator/testing";
import { withEmulator } from "polar-emulator/vitest";

let issuer: string;
let budget: typeof import("./request-budget");
let callPolar: typeof import("./client").callPolar;
let db: typeof import("@/lib/db/client").db;

withEmulator(async (url) => {
  issuer = url;
  process.env.POLAR_EMULATOR_URL = url;
  budget = await import("./request-budget");
  ({ callPolar } = await import("./client"));
  ({ db } = await import("@/lib/db/client"));
});

beforeEach(async () => {
  await db.$executeRawUnsafe(RESET_DATABASE);
});

afterAll(() => db?.$disconnect());

async function emulatorStats() {
  return (await (await control(issuer, "stats")).json()) as {
    api: Record<string, number>;
    rate_limited: number;
  };
}

it("lets a burst through up to the bucket and a 2-second queue, and refuses the rest with when to retry", async () => {
  // 60 a minute: one a second, a bucket of 6, and 2 more queued for up to 2 s.
  process.env.POLAR_REQUEST_BUDGET_PER_MINUTE = "60";
  const started = Date.now();
  const outcomes = await Promise.all(
    Array.from({ length: 20 }, () =>
      budget
        .withinRequestBudget(async () => Date.now())
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
    expect(error).toBeInstanceOf(budget.RequestBudgetSpent);
    expect(
      (error as InstanceType<typeof budget.RequestBudgetSpent>).retryAfterSeconds,
    ).toBeGreaterThanOrEqual(1);
  }
});

it("takes the tokens of requests that ask together (a page's panels) in one statement", async () => {
  process.env.POLAR_REQUEST_BUDGET_PER_MINUTE = "450";
  await budget.withinRequestBudget(async () => undefined);
  const statements = vi.spyOn(db, "$queryRaw");
  try {
    await Promise.all(Array.from({ length: 6 }, () => budget.withinRequestBudget(async () => undefined)));
    expect(statements).toHaveBeenCalledTimes(1);
  } finally {
    statements.mockRestore();
  }
});

/** What the bucket holds, as stored (the level at its last statement). */
async function storedTokens() {
  return (await db.polarRequestBudget.findFirstOrThrow()).tokens;
}

it("serves a call from its reservation without a second statement, and gives unused ones back", async () => {
  process.env.POLAR_REQUEST_BUDGET_PER_MINUTE = "60";
  await budget.withinRequestBudget(async () => undefined);
  const statements = vi.spyOn(db, "$queryRaw");
  try {
    const reservation = new budget.BudgetReservation();
    await budget.withReservation(reservation, () => budget.withinRequestBudget(async () => undefined));
    expect(statements).toHaveBeenCalledTimes(1);
  } finally {
    statements.mockRestore();
  }

  const before = await storedTokens();
  const unused = Array.from({ length: 3 }, () => new budget.BudgetReservation());
  for (const reservation of unused) reservation.release();
  await until(async () => (await storedTokens()) >= before);
  // Taken (3 fewer), then given back: what refilled meanwhile is all that changed.
  expect(await storedTokens()).toBeGreaterThanOrEqual(before);
  expect(await storedTokens()).toBeLessThan(before + 1);
});

it("reserves nothing from a paused or empty budget: the call then takes its turn, and is refused", async () => {
  process.env.POLAR_REQUEST_BUDGET_PER_MINUTE = "450";
  await budget.withinRequestBudget(async () => undefined);
  await db.polarRequestBudget.updateMany({ data: { pausedUntil: new Date(Date.now() + 30_000) } });
  const reservation = new budget.BudgetReservation();
  const call = budget.withReservation(reservation, () => budget.withinRequestBudget(async () => "called"));
  await expect(call).rejects.toBeInstanceOf(budget.RequestBudgetSpent);
});

it("pauses every request for Retry-After once Polar answers 429", async () => {
  process.env.POLAR_REQUEST_BUDGET_PER_MINUTE = "450";
  const { access_token } = await signIn(issuer, {
    userId: ADA_ID,
    subType: "user",
    scope: "openid organizations:read",
  });
  await control(issuer, "settings", { rate_limit_per_minute: 1 });
  const list = () => callPolar(access_token, undefined, (polar) => polar.organizations.list({}));

  await list();
  await expect(list()).rejects.toBeInstanceOf(PolarRateLimitError);
  const refused = await list().catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(budget.RequestBudgetSpent);
  expect((refused as InstanceType<typeof budget.RequestBudgetSpent>).retryAfterSeconds).toBeGreaterThan(30);
  // The third request never reached Polar: two did, one of them answered 429.
  const stats = await emulatorStats();
  expect(stats.rate_limited).toBe(1);
  expect(stats.api["GET /v1/organizations/"]).toBe(2);
});
