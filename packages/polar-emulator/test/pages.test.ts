// The web origin's own pages: what a developer sees around the sign-in.
// Not Polar behaviour (Polar's pages are its Next.js app), but what the
// emulator's stand-ins promise: an icon, a home page naming both origins.
import { describe, expect, it } from "vitest";
import { withEmulator } from "../src/vitest.ts";

let issuer: string;
let webUrl: string;
withEmulator((started, emulator) => {
  issuer = started;
  webUrl = emulator.webUrl;
});

describe("the web origin's pages", () => {
  it("have an icon, so a browser logs no 404", async () => {
    const icon = await fetch(`${webUrl}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toBe("image/svg+xml");
    expect(await icon.text()).toMatch(/^<svg /);
    expect(await (await fetch(`${webUrl}/`)).text()).toContain(
      '<link rel="icon" type="image/svg+xml" href="/favicon.ico">',
    );
  });

  it("start at a home page naming both origins and the seeded accounts", async () => {
    const home = await (await fetch(`${webUrl}/`)).text();
    expect(home).toContain(
      `Plays polar.sh at <code>${webUrl}</code> and api.polar.sh (the issuer) at <code>${issuer}</code>`,
    );
    expect(home).toContain("Katherine Johnson");
  });

  it("answer an HTML 404 for anything else", async () => {
    const missing = await fetch(`${webUrl}/settings`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toContain("text/html");
  });
});
