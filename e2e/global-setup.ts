import { execFileSync } from "node:child_process";
import { resetDatabase } from "./db";
import { e2eEnv } from "../test-support/e2e-env";

export default async function globalSetup() {
  execFileSync(process.execPath, ["scripts/db-migrate.ts"], {
    env: { ...process.env, DATABASE_URL: e2eEnv.DATABASE_URL },
    stdio: "inherit",
  });
  await resetDatabase();
}
