// `next dev` with the app's next.config.ts: the request log leaves out Polar's
// redirects to the callbacks, whose URL carries the authorization code and
// the state, and still logs other requests.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { LOCAL_CLIENT } from "polar-emulator/client";
import { withEmulator } from "polar-emulator/vitest";
import { afterAll, expect, it } from "vitest";
import { waitForOutput } from "./scripts/lib/processes";
import { until } from "./test-support/until";

let issuer: string;
withEmulator((url) => {
  issuer = url;
});

let stop = () => {};
afterAll(() => stop());

function freePort() {
  return new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

it("next dev logs no callback URL, so neither the code nor the state", async () => {
  const port = await freePort();
  const appUrl = `http://localhost:${port}`;
  const env = {
    ...process.env,
    // Not Vitest's "test".
    NODE_ENV: "development" as const,
    // Its own output folder: a `npm run dev` in this checkout holds a lock on .next/dev.
    NEXT_DIST_DIR: ".next-dev-log-test",
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_URL: appUrl,
    AUTH_SECRET: randomBytes(32).toString("base64"),
    POLAR_SERVER: "local",
    POLAR_CLIENT_ID: LOCAL_CLIENT.id,
    POLAR_CLIENT_SECRET: LOCAL_CLIENT.secret,
    POLAR_EMULATOR_URL: issuer,
  };
  const next = spawn("node_modules/.bin/next", ["dev", "--port", String(port)], {
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  stop = () => process.kill(-next.pid!, "SIGTERM");
  let output = "";
  for (const stream of [next.stdout, next.stderr]) stream.on("data", (chunk: Buffer) => (output += chunk));
  await waitForOutput(next, /Ready in/);

  const code = `polar_ac_${randomBytes(12).toString("hex")}`;
  const state = randomBytes(12).toString("hex");
  for (const provider of ["polar", "polar-organization"]) {
    const callback = new URL(`/api/auth/callback/${provider}`, appUrl);
    callback.search = new URLSearchParams({ code, state, iss: issuer }).toString();
    expect((await fetch(callback, { redirect: "manual" })).status).toBe(302);
  }
  // A request after them that is logged: once its line is out, theirs would be too.
  const logged = `/api/auth/providers?after=${randomBytes(6).toString("hex")}`;
  expect((await fetch(new URL(logged, appUrl))).ok).toBe(true);
  await until(async () => output.includes(`GET ${logged} 200`));

  expect(output).toContain(`GET ${logged} 200`);
  expect(output).not.toContain("/api/auth/callback/");
  expect(output).not.toContain(code);
  expect(output).not.toContain(state);
}, 120_000);
