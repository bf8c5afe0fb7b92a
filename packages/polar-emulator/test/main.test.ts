// `npm run emulator` (src/main.ts): the environment it reads and the ready
// line scripts wait for.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { parseReadyLine } from "../src/ready.ts";

const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const running: ChildProcess[] = [];

afterEach(() => {
  for (const child of running.splice(0)) child.kill("SIGTERM");
});

/** Starts main.ts with `env`; resolves with the ready line's URLs, or the exit code and output if it stops first. */
function start(env: Record<string, string>) {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, EMULATOR_QUIET: "1", ...env },
    stdio: "pipe",
  });
  running.push(child);
  let output = "";
  return new Promise<{ webUrl: string; apiUrl: string } | { code: number | null; output: string }>(
    (resolve) => {
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        const origins = parseReadyLine(output);
        if (origins) resolve(origins);
      };
      child.stdout.on("data", read);
      child.stderr.on("data", read);
      child.once("exit", (code) => resolve({ code, output }));
    },
  );
}

/** A port that is free now, as is the one after it. */
async function freePortPair(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 40_000);
    const free = await Promise.all(
      [port, port + 1].map(
        (candidate) =>
          new Promise<boolean>((resolve) => {
            const probe = createServer();
            probe.once("error", () => resolve(false));
            probe.listen(candidate, "127.0.0.1", () => probe.close(() => resolve(true)));
          }),
      ),
    );
    if (free.every(Boolean)) return port;
  }
}

describe("npm run emulator", () => {
  it("prints one ready line naming the web origin and the API origin (the issuer)", async () => {
    const started = await start({ EMULATOR_PORT: "0" });
    if (!("apiUrl" in started)) throw new Error(started.output);
    expect(started.webUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(started.apiUrl).not.toBe(started.webUrl);
    const discovery = (await (
      await fetch(`${started.apiUrl}/.well-known/openid-configuration`)
    ).json()) as Record<string, string>;
    expect(discovery["issuer"]).toBe(started.apiUrl);
    expect(discovery["authorization_endpoint"]).toBe(`${started.webUrl}/oauth2/authorize`);
    expect(await (await fetch(`${started.webUrl}/`)).text()).not.toContain("Load-test population");
  });

  it("moves both origins with EMULATOR_PORT: the API origin takes the next port unless EMULATOR_API_PORT is set", async () => {
    const port = await freePortPair();
    const started = await start({ EMULATOR_PORT: String(port) });
    if (!("apiUrl" in started)) throw new Error(started.output);
    expect(started).toEqual({ webUrl: `http://127.0.0.1:${port}`, apiUrl: `http://127.0.0.1:${port + 1}` });
    const other = await freePortPair();
    const chosen = await start({ EMULATOR_PORT: "0", EMULATOR_API_PORT: String(other) });
    if (!("apiUrl" in chosen)) throw new Error(chosen.output);
    expect(chosen.apiUrl).toBe(`http://127.0.0.1:${other}`);
  });

  it("reads the rate limit profile and the load-test population from the environment", async () => {
    const started = await start({
      EMULATOR_PORT: "0",
      EMULATOR_RATE_LIMIT_PROFILE: "sandbox",
      EMULATOR_LOAD_USERS: "25",
    });
    if (!("apiUrl" in started)) throw new Error(started.output);
    expect(await (await fetch(`${started.apiUrl}/__emulator/settings`)).json()).toMatchObject({
      rate_limit_per_minute: 100,
    });
    expect(await (await fetch(`${started.webUrl}/`)).text()).toContain("Load-test population: 25 users");
  });

  it("reads the latency profile from EMULATOR_LATENCY, Polar's when unset", async () => {
    const latencyOf = async (env: Record<string, string>) => {
      const started = await start({ EMULATOR_PORT: "0", ...env });
      if (!("apiUrl" in started)) throw new Error(started.output);
      return (await fetch(`${started.apiUrl}/__emulator/latency`)).json();
    };
    expect(await latencyOf({})).toEqual({ "/v1/metrics/": 5000 });
    expect(await latencyOf({ EMULATOR_LATENCY: "/v1/metrics/=5000,/v1/products/=200" })).toEqual({
      "/v1/metrics/": 5000,
      "/v1/products/": 200,
    });
    expect(await latencyOf({ EMULATOR_LATENCY: "none" })).toEqual({});
    expect(await start({ EMULATOR_PORT: "0", EMULATOR_LATENCY: "/v1/metrics/=slow" })).toEqual({
      code: 1,
      output: expect.stringContaining("EMULATOR_LATENCY must be"),
    });
  });

  it("reads the accepted API versions from EMULATOR_API_VERSIONS", async () => {
    const started = await start({ EMULATOR_PORT: "0", EMULATOR_API_VERSIONS: "2026-10,2027-01" });
    if (!("apiUrl" in started)) throw new Error(started.output);
    expect(await (await fetch(`${started.apiUrl}/__emulator/api-versions`)).json()).toEqual({
      accepted: ["2026-10", "2027-01"],
      default: "2026-10",
    });
    expect(await start({ EMULATOR_PORT: "0", EMULATOR_API_VERSIONS: "next" })).toEqual({
      code: 1,
      output: expect.stringContaining("EMULATOR_API_VERSIONS must be"),
    });
  });

  it("refuses a bad setting with a message instead of starting", async () => {
    expect(await start({ EMULATOR_PORT: "0", EMULATOR_RATE_LIMIT_PROFILE: "staging" })).toEqual({
      code: 1,
      output: expect.stringContaining("EMULATOR_RATE_LIMIT_PROFILE must be production or sandbox"),
    });
  });
});
