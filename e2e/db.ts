import pg from "pg";
import { e2eEnv } from "./env";

/** Runs `fn` with a direct connection to the e2e database (for assertions on stored rows). */
export async function withDatabase<T>(fn: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: e2eEnv.DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function resetDatabase() {
  return withDatabase((client) =>
    client.query(
      'TRUNCATE "User", "Account", "Session", "OrganizationConnection", "VerificationToken" CASCADE',
    ),
  );
}
