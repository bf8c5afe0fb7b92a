// `npm run db:generate` (and postinstall): generates the Prisma Client into lib/generated/prisma.
// With internet this is `prisma generate`; offline the CLI needs the one setting below.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const env = { ...process.env };
// An engine path, so that the CLI downloads no schema engine; `generate` never runs it.
// Works around: Prisma 7's CLI fetches its native schema engine even for `generate`, and offline
// fails with "request to https://binaries.prisma.sh/…/schema-engine.gz.sha256
// failed" (prisma 7.10.1; prisma/orm#27311 skipped the download for Prisma 6's `migrate.adapter`
// config, which Prisma 7 removed). A host's real engine path, when set, is kept.
// Delete when `env -u PRISMA_SCHEMA_ENGINE_BINARY npx prisma generate` succeeds with no network
// (and no engine in ~/.cache/prisma): then this script is `prisma generate`.
env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/false";
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
// The CLI through this Node by its own path: `prisma` is on PATH only inside npm scripts.
const cli = fileURLToPath(import.meta.resolve("prisma/build/index.js"));
const { status } = spawnSync(process.execPath, [cli, "generate", ...process.argv.slice(2)], {
  stdio: "inherit",
  env,
});
process.exit(status ?? 1);
