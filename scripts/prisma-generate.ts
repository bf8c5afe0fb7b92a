// Generates the Prisma Client into lib/generated/prisma. The CLI fetches a
// native schema engine it never uses for `generate`; pointing it at /bin/false
// (or the binary a host already has) keeps generate offline.
import { spawnSync } from "node:child_process";

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/false";
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const { status } = spawnSync("prisma", ["generate", ...process.argv.slice(2)], {
  stdio: "inherit",
  env,
  shell: false,
});
process.exit(status ?? 1);
