import pg from "pg";
import { RESET_DATABASE } from "../../test-support/reset-database.ts";

/**
 * Creates the database named in `url` on its server if it does not exist yet, as `prisma migrate
 * deploy` does itself; the WebAssembly engine of `npm run db:migrate` cannot (it has no
 * createDatabase).
 */
export async function ensureDatabase(url: string) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  target.pathname = "/postgres";
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/** Empties every table of the app in the database at `url` (a benchmark's own: each run starts with nobody). */
export async function emptyDatabase(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(RESET_DATABASE);
  } finally {
    await client.end();
  }
}

/**
 * The app's cache of Polar reads (lib/polar-cache/read-cache.ts): its table,
 * the column naming whose entry a row is, and how that names an organization.
 */
export const POLAR_CACHE = {
  table: `"PolarCache"`,
  tenant: `"tenant"`,
  organizationTenant: /^organization:(.*)$/,
};

/** Empties the app's cache of Polar reads, so that the next render reads Polar. */
export async function clearPolarCache(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DELETE FROM ${POLAR_CACHE.table}`);
  } finally {
    await client.end();
  }
}

/** The application_name of the watchers' connections, which watchConnections leaves out. */
const WATCHER = "benchmark watcher";

/**
 * Runs `sample` with its own connection to `url` every `intervalMs`, one at a
 * time, until `stop()`, which resolves once the last one has finished.
 */
async function everyInterval(url: string, intervalMs: number, sample: (client: pg.Client) => Promise<void>) {
  const client = new pg.Client({ connectionString: url, application_name: WATCHER });
  await client.connect();
  let sampling = sample(client);
  const timer = setInterval(() => {
    sampling = sampling.then(() => sample(client));
  }, intervalMs);
  return async () => {
    clearInterval(timer);
    await sampling;
    await client.end();
  };
}

/**
 * Counts the connections to `url`'s database every `intervalMs` until
 * stopped; `stop()` resolves to the most seen at once, the watchers' own left
 * out.
 */
export async function watchConnections(url: string, intervalMs = 250) {
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  let peak = 0;
  const stop = await everyInterval(url, intervalMs, async (client) => {
    const { rows } = await client.query(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name <> $2",
      [database, WATCHER],
    );
    peak = Math.max(peak, rows[0]?.n ?? 0);
  });
  return {
    async stop() {
      await stop();
      return peak;
    },
  };
}

/**
 * Counts the rows of the app's cache of Polar reads every `intervalMs` until
 * stopped; `stop()` resolves to the most seen at once, and the most each
 * tenant had.
 */
export async function watchCacheRows(url: string, intervalMs = 1_000) {
  let peak = 0;
  const peakByTenant = new Map<string, number>();
  const stop = await everyInterval(url, intervalMs, async (client) => {
    const { rows } = await client.query<{ tenant: string; n: number }>(
      `SELECT ${POLAR_CACHE.tenant} AS tenant, count(*)::int AS n FROM ${POLAR_CACHE.table} GROUP BY 1`,
    );
    peak = Math.max(
      peak,
      rows.reduce((sum, row) => sum + row.n, 0),
    );
    for (const { tenant, n } of rows) peakByTenant.set(tenant, Math.max(peakByTenant.get(tenant) ?? 0, n));
  });
  return {
    async stop() {
      await stop();
      return { peak, peakByTenant };
    },
  };
}
