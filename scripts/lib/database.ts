import pg from "pg";

/** Creates the database named in `url` on its server if it does not exist yet. */
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

/** Empties the app's cache of Polar reads, so that the next render reads Polar. */
export async function clearPolarCache(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DELETE FROM "PolarCache"`);
  } finally {
    await client.end();
  }
}

/**
 * Counts the connections to `url`'s database every `intervalMs` until
 * stopped; `stop()` resolves to the most seen at once, this watcher's own
 * connection left out.
 */
export async function watchConnections(url: string, intervalMs = 250) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  let peak = 0;
  const count = async () => {
    const { rows } = await client.query(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1",
      [database],
    );
    peak = Math.max(peak, (rows[0]?.n ?? 1) - 1);
  };
  let polling = count();
  const timer = setInterval(() => {
    polling = polling.then(count);
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await polling;
      await client.end();
      return peak;
    },
  };
}
