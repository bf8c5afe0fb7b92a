// The app's connection pool against the real PostgreSQL: its settings, and a
// connection the server drops is logged (without the connection string) instead
// of crashing the process.
import pg from "pg";
import { afterEach, expect, it, vi } from "vitest";
import { until } from "@/test-support/until";
import { createPool } from "./client";
import { needsServerReason } from "@/test-support/one-session";

afterEach(() => vi.restoreAllMocks());

/** DATABASE_URL with a password and a name to find its connections by. */
function urlWithPassword(password: string) {
  const url = new URL(process.env.DATABASE_URL!);
  url.password = password;
  url.searchParams.set("application_name", "pool-error-test");
  return url.toString();
}

it("keeps DATABASE_POOL_SIZE and DATABASE_POOL_TIMEOUT_MS, and closes idle connections after 5 s", async () => {
  const pool = createPool({ url: process.env.DATABASE_URL!, poolSize: 3, poolTimeoutMs: 1_500 });
  expect(pool.options).toMatchObject({ max: 3, connectionTimeoutMillis: 1_500, idleTimeoutMillis: 5_000 });
  // attachDatabasePool's listener; a no-op off Vercel.
  expect(pool.listenerCount("release")).toBe(1);
  await pool.end();
});

it("logs an idle connection the server closed, without the password or the connection string", async (context) => {
  const needsServer = await needsServerReason();
  if (needsServer) return context.skip(needsServer);
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  const url = urlWithPassword("not-a-real-password-4c1d");
  const pool = createPool({ url, poolSize: 1, poolTimeoutMs: 1_000 });
  await pool.query("SELECT 1");

  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pool-error-test'",
  );
  await admin.end();
  await until(async () => error.mock.calls.length > 0);

  const logged = error.mock.calls.flat().join(" ");
  expect(logged).toMatch(/^\[db\] A database connection failed \(57P01\): terminating connection/);
  expect(logged).not.toContain("not-a-real-password-4c1d");
  expect(logged).not.toContain(url);
  // The pool replaces the connection.
  expect((await pool.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  await pool.end();
});
