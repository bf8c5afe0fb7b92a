// `npm run dev`: the whole app on one command. Uses DATABASE_URL when set, else
// Prisma's embedded Postgres (`prisma dev`); applies migrations; starts the Polar
// emulator unless Polar credentials are configured; runs `next dev` on :3000.
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync } from "node:fs";
import { run, start, stopAll, waitForOutput } from "./lib/processes.ts";

for (const file of [".env.local", ".env"]) if (existsSync(file)) process.loadEnvFile(file);

const port = Number(process.env.PORT ?? 3000);
const appUrl = `http://localhost:${port}`;

function ensureSecret(name: string, bytes: number) {
  if (process.env[name]) return;
  const value = randomBytes(bytes).toString("base64");
  appendFileSync(".env.local", `${name}="${value}"\n`);
  process.env[name] = value;
  console.log(`Generated ${name} into .env.local`);
}
ensureSecret("AUTH_SECRET", 32);
ensureSecret("TOKEN_ENCRYPTION_KEY", 32);

let closeDatabase = async () => {};
if (!process.env.DATABASE_URL) {
  const { describeEmbedded, startEmbeddedPostgres } = await import("./lib/embedded-postgres.ts");
  const database = await startEmbeddedPostgres("polar-starter");
  process.env.DATABASE_URL = database.url;
  closeDatabase = database.close;
  console.log(describeEmbedded(database.url));
}

await run(process.execPath, ["scripts/db-migrate.ts"]);

const useEmulator = !process.env.POLAR_CLIENT_ID && (process.env.POLAR_SERVER ?? "local") === "local";
const appEnv: Record<string, string> = { AUTH_URL: appUrl };
if (useEmulator && !existsSync("packages/polar-emulator")) {
  console.error(
    "No Polar credentials are set and the emulator (packages/polar-emulator) is not here: set POLAR_SERVER, POLAR_CLIENT_ID and POLAR_CLIENT_SECRET in .env.local (see .env.example).",
  );
  await closeDatabase();
  process.exit(1);
}
if (useEmulator) {
  const { LOCAL_CLIENT } = await import("polar-emulator/client");
  const { parseReadyLine, READY_LINE } = await import("polar-emulator/ready");
  // EMULATOR_PORT (4111) and EMULATOR_API_PORT (EMULATOR_PORT + 1) reach it from this environment.
  const emulator = start("emulator", process.execPath, ["packages/polar-emulator/src/main.ts"], {
    EMULATOR_APP_URL: appUrl,
  });
  const origins = parseReadyLine(await waitForOutput(emulator, READY_LINE))!;
  Object.assign(appEnv, {
    POLAR_SERVER: "local",
    // The issuer: Polar's API origin. The authorization page and the dashboard are on the web origin.
    POLAR_EMULATOR_URL: origins.apiUrl,
    POLAR_WEB_ORIGIN: origins.webUrl,
    POLAR_CLIENT_ID: LOCAL_CLIENT.id,
    POLAR_CLIENT_SECRET: LOCAL_CLIENT.secret,
  });
}

const next = start("next", "next", ["dev", "--port", String(port)], appEnv);
console.log(`\n  Open ${appUrl} and choose "Sign in with Polar".\n`);

async function shutdown() {
  stopAll();
  await closeDatabase();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
next.on("exit", shutdown);
