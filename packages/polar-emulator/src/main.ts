import { parseLatencyProfile, type LatencyProfile } from "./latency.ts";
import { RATE_LIMIT_PROFILES, type RateLimitProfile } from "./rate-limit-rules.ts";
import { apiVersions } from "./versions.ts";
import { readyLine } from "./ready.ts";
import { startEmulator } from "./server.ts";

function seconds(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`${name} must be a positive number of seconds, got "${raw}"`);
    process.exit(1);
  }
  return value;
}

function count(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`${name} must be a whole number, got "${raw}"`);
    process.exit(1);
  }
  return value;
}

function port(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    console.error(`${name} must be a port number (0 picks a free one), got "${raw}"`);
    process.exit(1);
  }
  return value;
}

function rateLimitProfile(): RateLimitProfile | undefined {
  const raw = process.env["EMULATOR_RATE_LIMIT_PROFILE"];
  if (raw === undefined || raw === "") return undefined;
  if (raw in RATE_LIMIT_PROFILES) return raw as RateLimitProfile;
  console.error(
    `EMULATOR_RATE_LIMIT_PROFILE must be ${Object.keys(RATE_LIMIT_PROFILES).join(" or ")}, got "${raw}"`,
  );
  process.exit(1);
}

function latencyProfile(): LatencyProfile | undefined {
  const raw = process.env["EMULATOR_LATENCY"];
  if (raw === undefined || raw === "") return undefined;
  try {
    return parseLatencyProfile(raw);
  } catch (error) {
    console.error(
      `EMULATOR_LATENCY must be "none" or "<path prefix>=<ms>,…" (e.g. "/v1/metrics/=5000"): ${(error as Error).message}`,
    );
    process.exit(1);
  }
}

function acceptedApiVersions(): string[] | undefined {
  const raw = process.env["EMULATOR_API_VERSIONS"];
  if (raw === undefined || raw === "") return undefined;
  const versions = raw.split(",").map((version) => version.trim());
  try {
    apiVersions(versions);
  } catch (error) {
    console.error(
      `EMULATOR_API_VERSIONS must be YYYY-MM versions separated by commas: ${(error as Error).message}`,
    );
    process.exit(1);
  }
  return versions;
}

const webPort = port("EMULATOR_PORT");
const versions = acceptedApiVersions();
const latency = latencyProfile();
const profile = rateLimitProfile();
const loadUsers = count("EMULATOR_LOAD_USERS");
const loadOrganizations = count("EMULATOR_LOAD_ORGANIZATIONS");
const apiPort = port("EMULATOR_API_PORT");
const emulator = await startEmulator({
  ...(webPort !== undefined ? { port: webPort } : {}),
  ...(apiPort !== undefined ? { apiPort } : {}),
  host: process.env["EMULATOR_HOST"] || "127.0.0.1",
  appUrl: process.env["EMULATOR_APP_URL"] || "http://localhost:3000",
  accessTokenTtl: seconds("EMULATOR_ACCESS_TOKEN_TTL"),
  codeTtl: seconds("EMULATOR_CODE_TTL"),
  ...(profile ? { rateLimitProfile: profile } : {}),
  ...(latency ? { latency } : {}),
  ...(versions ? { apiVersions: versions } : {}),
  ...(loadUsers !== undefined ? { loadUsers } : {}),
  ...(loadOrganizations !== undefined ? { loadOrganizations } : {}),
  quiet: process.env["EMULATOR_QUIET"] === "1",
  controls: process.env["EMULATOR_CONTROLS"] !== "0",
});

console.log(readyLine(emulator));

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
