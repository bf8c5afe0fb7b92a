// How long Polar takes to answer: a latency profile of path prefixes on the API
// origin, Polar's own by default, where the metrics endpoint is slow (up to
// ~15 s a call: polarsource/polar issue #7720, open; @polar-sh/sdk 1.0.1 gives
// up after 5 s). Not a Polar source file: a measured property of the service.
import { createPolar } from "@polar-sh/sdk/2026-10";
import { PolarNetworkError } from "@polar-sh/sdk";
import { describe, expect, it } from "vitest";
import { ADA_ID, NEBULA_ID } from "../src/data/seed.ts";
import { profileLatency } from "../src/latency.ts";
import { startEmulator } from "../src/server.ts";
import { withEmulator } from "../src/vitest.ts";
import { control, authorizationCodeTokens } from "../src/testing.ts";
import { apiGet } from "./helpers.ts";

const SCOPE = "openid organizations:read products:read metrics:read";

let issuer: string;
withEmulator((started) => {
  issuer = started;
});

const json = async (response: Response | Promise<Response>) =>
  (await response).json() as Promise<Record<string, unknown>>;

async function timed(call: () => Promise<unknown>): Promise<number> {
  const started = Date.now();
  await call();
  return Date.now() - started;
}

describe("the latency profile", () => {
  it("is Polar's by default: metrics take 5 s (an SDK call with a 1 s timeout gives up), the rest answers at once", async () => {
    const polar = await startEmulator({ port: 0, quiet: true });
    try {
      expect(await json(control(polar.apiUrl, "latency"))).toEqual({ "/v1/metrics/": 5000 });
      const tokens = await authorizationCodeTokens(polar.apiUrl, { userId: ADA_ID, scope: SCOPE });
      const sdk = createPolar({ accessToken: tokens.access_token, baseUrl: polar.apiUrl });
      expect(await timed(() => sdk.organizations.list())).toBeLessThan(1000);
      await expect(
        sdk.metrics.get(
          { start_date: "2026-01-01", end_date: "2026-01-31", interval: "day", organization_id: NEBULA_ID },
          { timeout: 1 },
        ),
      ).rejects.toBeInstanceOf(PolarNetworkError);
    } finally {
      await polar.close();
    }
  });

  it("is empty for withEmulator unless its options give one", async () => {
    expect(await json(control(issuer, "latency"))).toEqual({});
  });

  it("lets the longest matching prefix decide", () => {
    const profile = { "/v1/": 100, "/v1/metrics/": 5000, "/v1/metrics/limits": 0 };
    expect(profileLatency(profile, "/v1/metrics/")).toBe(5000);
    expect(profileLatency(profile, "/v1/metrics/limits")).toBe(0);
    expect(profileLatency(profile, "/v1/products/")).toBe(100);
    expect(profileLatency(profile, "/.well-known/openid-configuration")).toBeUndefined();
  });

  it("is replaced by the control, covers discovery and the token endpoint, never the controls, and resets", async () => {
    const tokens = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    expect(
      await json(
        control(issuer, "latency", { "/v1/products/": 300, "/.well-known/": 300, "/__emulator/": 300 }),
      ),
    ).toEqual({ "/v1/products/": 300, "/.well-known/": 300, "/__emulator/": 300 });
    expect(await timed(() => apiGet(issuer, "/v1/products/", tokens.access_token))).toBeGreaterThanOrEqual(
      290,
    );
    expect(await timed(() => apiGet(issuer, "/v1/organizations/", tokens.access_token))).toBeLessThan(290);
    expect(await timed(() => fetch(`${issuer}/.well-known/openid-configuration`))).toBeGreaterThanOrEqual(
      290,
    );
    expect(await timed(() => control(issuer, "stats"))).toBeLessThan(290);

    await control(issuer, "latency", { "/v1/oauth2/token": 300 });
    expect(await timed(() => authorizationCodeTokens(issuer, { userId: ADA_ID }))).toBeGreaterThanOrEqual(
      290,
    );

    await control(issuer, "reset", {});
    expect(await json(control(issuer, "latency"))).toEqual({});
  });

  it("leaves paths it does not match to the latency_ms setting", async () => {
    const tokens = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    await control(issuer, "latency", { "/v1/products/": 0 });
    await control(issuer, "settings", { latency_ms: 300 });
    expect(await timed(() => apiGet(issuer, "/v1/products/", tokens.access_token))).toBeLessThan(290);
    expect(
      await timed(() => apiGet(issuer, "/v1/organizations/", tokens.access_token)),
    ).toBeGreaterThanOrEqual(290);
  });

  it("refuses a malformed profile with 400", async () => {
    expect((await control(issuer, "latency", { "v1/products": 5 })).status).toBe(400);
    expect((await control(issuer, "latency", { "/v1/products/": -5 })).status).toBe(400);
    expect((await control(issuer, "latency", { "/v1/products/": "slow" })).status).toBe(400);
  });
});
