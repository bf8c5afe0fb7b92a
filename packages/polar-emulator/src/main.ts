import { startEmulator } from "./server.ts";

function seconds(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`${name} must be a positive number of seconds, got "${raw}"`);
    process.exit(1);
  }
  return value;
}

const emulator = await startEmulator({
  port: process.env["EMULATOR_PORT"] ? Number(process.env["EMULATOR_PORT"]) : 4111,
  host: process.env["EMULATOR_HOST"] || "127.0.0.1",
  appUrl: process.env["EMULATOR_APP_URL"] || "http://localhost:3000",
  accessTokenTtl: seconds("EMULATOR_ACCESS_TOKEN_TTL", 3600),
  codeTtl: seconds("EMULATOR_CODE_TTL", 600),
  quiet: process.env["EMULATOR_QUIET"] === "1",
  controls: process.env["EMULATOR_CONTROLS"] !== "0",
});

console.log(`Polar emulator ready at ${emulator.url}`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
