// A stalled origin: requests are accepted and never answered, as when Polar
// hangs behind its load balancer; the /__emulator/ controls keep answering.
// Ending the stall (or a reset) closes the held connections without an answer.
// Not Polar behaviour: a test lever for timeouts (the SDK's 5 s default, the
// app's own), see the README's conformance table.
import { describe, expect, it } from "vitest";
import { withEmulator } from "../src/vitest.ts";
import { authorizeUrl, control } from "../src/testing.ts";

let issuer: string;
let webUrl: string;
withEmulator((started, emulator) => {
  issuer = started;
  webUrl = emulator.webUrl;
});

const json = async (response: Response | Promise<Response>) =>
  (await response).json() as Promise<Record<string, unknown>>;

/** Whether the request is still unanswered after `ms`; the pending request is returned to be observed later. */
async function pendingAfter(url: string, ms = 300) {
  const request = fetch(url).then(
    (response) => ({ answered: response.status }),
    (error: unknown) => ({ failed: error }),
  );
  const timeout = new Promise<"pending">((resolve) => setTimeout(() => resolve("pending"), ms));
  return { state: await Promise.race([request, timeout]), request };
}

describe("a stalled API origin", () => {
  it("holds requests unanswered while the controls keep working, then closes them when the stall ends", async () => {
    expect(await json(control(issuer, "stall", { stalled: true }))).toEqual({ api: true, web: false });
    const discovery = await pendingAfter(`${issuer}/.well-known/openid-configuration`);
    const api = await pendingAfter(`${issuer}/v1/organizations/`);
    expect(discovery.state).toBe("pending");
    expect(api.state).toBe("pending");
    expect(await json(control(issuer, "stats"))).toMatchObject({ stalled: 2 });
    expect((await fetch(`${webUrl}/`)).status).toBe(200);

    await control(issuer, "stall", { stalled: false });
    expect(await discovery.request).toHaveProperty("failed");
    expect(await api.request).toHaveProperty("failed");
    expect((await fetch(`${issuer}/.well-known/openid-configuration`)).status).toBe(200);
  });

  it("is ended by reset, which closes the held requests", async () => {
    await control(issuer, "stall", { stalled: true });
    const held = await pendingAfter(`${issuer}/.well-known/jwks.json`);
    expect(held.state).toBe("pending");
    await control(issuer, "reset", {});
    expect(await held.request).toHaveProperty("failed");
    expect((await fetch(`${issuer}/.well-known/jwks.json`)).status).toBe(200);
  });
});

describe("a stalled web origin", () => {
  it("holds the authorization page while the API answers; both stalls both", async () => {
    expect(await json(control(issuer, "stall", { stalled: true, origin: "web" }))).toEqual({
      api: false,
      web: true,
    });
    const page = await pendingAfter((await authorizeUrl(issuer, {})).href);
    expect(page.state).toBe("pending");
    expect((await fetch(`${issuer}/.well-known/openid-configuration`)).status).toBe(200);

    expect(await json(control(issuer, "stall", { stalled: true, origin: "both" }))).toEqual({
      api: true,
      web: true,
    });
    expect((await pendingAfter(`${issuer}/.well-known/jwks.json`)).state).toBe("pending");
    await control(issuer, "stall", { stalled: false, origin: "both" });
    expect(await page.request).toHaveProperty("failed");
  });

  it("refuses a malformed request with 400", async () => {
    expect((await control(issuer, "stall", {})).status).toBe(400);
    expect((await control(issuer, "stall", { stalled: true, origin: "cdn" })).status).toBe(400);
  });
});
