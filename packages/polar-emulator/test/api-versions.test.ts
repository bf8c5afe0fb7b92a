// API versions: `Polar-Version: YYYY-MM` picks one of the accepted versions
// (2026-04, the default without the header, and 2026-10); a malformed, unknown
// or removed one is 404 {"detail":"Not Found"} on every path of the API
// origin, discovery and token endpoint included, before authentication and
// rate limits; every other answer echoes the version. @polar-sh/sdk 1.0.1's
// 2026-10 client sends `Polar-Version: 2026-10`, its 2027-01 client 2027-01.
// Mirrors server/polar/kit/versioning.py (APIVersion.parse, APIVersionMiddleware,
// add_versioned_routers: the outermost middleware) and version.py; quarterly
// removals from PR #14143 (docs).
import { createPolar } from "@polar-sh/sdk/2026-10";
import { createPolar as createPolar2701 } from "@polar-sh/sdk/2027-01";
import { describe, expect, it } from "vitest";
import { ADA_ID } from "../src/data/seed.ts";
import { startEmulator } from "../src/server.ts";
import { withEmulator } from "../src/vitest.ts";
import { control, authorizationCodeTokens } from "../src/testing.ts";

const SCOPE = "openid organizations:read";

let issuer: string;
withEmulator((started) => {
  issuer = started;
});

const versioned = (path: string, version?: string, init: RequestInit = {}) =>
  fetch(`${issuer}${path}`, {
    ...init,
    headers: {
      ...(init.headers as Record<string, string>),
      ...(version === undefined ? {} : { "polar-version": version }),
    },
  });

async function expectNotFound(response: Response) {
  expect(response.status).toBe(404);
  expect(await response.json()).toEqual({ detail: "Not Found" });
  expect(response.headers.get("polar-version")).toBeNull();
}

describe("Polar-Version", () => {
  it("defaults to 2026-04 and is echoed on every answer, errors included", async () => {
    const tokens = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    const bearer = { authorization: `Bearer ${tokens.access_token}` };
    expect(
      (await versioned("/v1/organizations/", undefined, { headers: bearer })).headers.get("polar-version"),
    ).toBe("2026-04");
    expect(
      (await versioned("/v1/organizations/", "2026-10", { headers: bearer })).headers.get("polar-version"),
    ).toBe("2026-10");
    expect((await versioned("/v1/organizations/", "2026-10")).headers.get("polar-version")).toBe("2026-10");
    expect(
      (await versioned("/.well-known/openid-configuration", "2026-10")).headers.get("polar-version"),
    ).toBe("2026-10");
    const token = await versioned("/v1/oauth2/token", "2026-10", { method: "POST" });
    expect([token.status, token.headers.get("polar-version")]).toEqual([400, "2026-10"]);
  });

  it("malformed, unknown or removed is 404 on every path, discovery and token endpoint included", async () => {
    for (const version of ["2026-4", "latest", "2026-10-01", "2025-10", "2027-01"]) {
      await expectNotFound(await versioned("/v1/organizations/", version));
      await expectNotFound(await versioned("/.well-known/openid-configuration", version));
      await expectNotFound(await versioned("/.well-known/jwks.json", version));
      await expectNotFound(await versioned("/v1/oauth2/token", version, { method: "POST" }));
      await expectNotFound(await versioned("/v1/oauth2/revoke", version, { method: "POST" }));
    }
    expect((await versioned("/__emulator/stats", "latest")).status).toBe(200);
  });

  it("is checked before authentication and rate limits", async () => {
    const tokens = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    await expectNotFound(
      await versioned("/v1/organizations/", "2027-01", {
        headers: { authorization: "Bearer polar_at_u_forged" },
      }),
    );
    await control(issuer, "settings", { rate_limit_per_minute: 0 });
    await expectNotFound(
      await versioned("/v1/organizations/", "2027-01", {
        headers: { authorization: `Bearer ${tokens.access_token}` },
      }),
    );
    expect(await (await control(issuer, "stats")).json()).toMatchObject({ rate_limited: 0 });
  });

  it("is what @polar-sh/sdk sends: its 2026-10 client is served, its 2027-01 client is not", async () => {
    const tokens = await authorizationCodeTokens(issuer, { userId: ADA_ID, scope: SCOPE });
    expect(
      (await createPolar({ accessToken: tokens.access_token, baseUrl: issuer }).organizations.list()).items,
    ).toHaveLength(2);
    await expect(
      createPolar2701({ accessToken: tokens.access_token, baseUrl: issuer }).organizations.list(),
    ).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe("the api-versions control", () => {
  it("removes a version at runtime, as a quarterly release does; reset restores them", async () => {
    expect(await (await control(issuer, "api-versions")).json()).toEqual({
      accepted: ["2026-04", "2026-10"],
      default: "2026-04",
    });
    expect(await (await control(issuer, "api-versions", { accepted: ["2026-04"] })).json()).toEqual({
      accepted: ["2026-04"],
      default: "2026-04",
    });
    await expectNotFound(await versioned("/.well-known/openid-configuration", "2026-10"));
    expect((await versioned("/.well-known/openid-configuration")).status).toBe(200);

    await control(issuer, "api-versions", { accepted: ["2026-10"] });
    await expectNotFound(await versioned("/.well-known/openid-configuration", "2026-04"));
    expect((await versioned("/.well-known/openid-configuration")).headers.get("polar-version")).toBe(
      "2026-10",
    );

    await control(issuer, "reset", {});
    expect((await versioned("/.well-known/openid-configuration", "2026-04")).status).toBe(200);
    expect((await control(issuer, "api-versions", { accepted: [] })).status).toBe(400);
    expect(
      (await control(issuer, "api-versions", { accepted: ["2026-10"], default: "2026-04" })).status,
    ).toBe(400);
  });

  it("starts from the apiVersions option: the default is then the oldest accepted", async () => {
    const later = await startEmulator({
      port: 0,
      quiet: true,
      latency: {},
      apiVersions: ["2027-01", "2026-10"],
    });
    try {
      const tokens = await authorizationCodeTokens(later.apiUrl, { userId: ADA_ID, scope: SCOPE });
      const organizations = await createPolar2701({
        accessToken: tokens.access_token,
        baseUrl: later.apiUrl,
      }).organizations.list();
      expect(organizations.items).toHaveLength(2);
      expect((await fetch(`${later.apiUrl}/.well-known/jwks.json`)).headers.get("polar-version")).toBe(
        "2026-10",
      );
      expect(
        (await fetch(`${later.apiUrl}/.well-known/jwks.json`, { headers: { "polar-version": "2026-04" } }))
          .status,
      ).toBe(404);
    } finally {
      await later.close();
    }
  });
});
