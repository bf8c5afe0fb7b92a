// A malformed refresh answer from Polar (no token_type) must not put the tokens
// it carries into a log. Polar here is the emulator behind a proxy that drops
// token_type from refresh answers, everything else passed through.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { inspect } from "node:util";
import { afterAll, expect, it, vi } from "vitest";
import { NEBULA_ID, ADA_ID } from "polar-emulator/seed";
import { authorizationCodeTokens } from "polar-emulator/testing";
import { setUpEmulator } from "@/test-support/integration";

const TOKEN = /polar_(at|rt)_/;

let emulatorUrl: string;
let proxy: Server;
/** The tokens in the refresh answers the proxy altered. */
const answeredTokens: string[] = [];
let freshAccessToken: typeof import("./refresh").freshAccessToken;

async function body(request: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Forwards to the emulator, presenting itself as the issuer, and drops token_type from refresh answers. */
async function startProxy(target: string) {
  const server = createServer(async (request, response) => {
    const sent = await body(request);
    const upstream = await fetch(new URL(request.url!, target), {
      method: request.method,
      headers: { "content-type": request.headers["content-type"] ?? "application/json" },
      body: request.method === "GET" ? undefined : sent,
    });
    let text = (await upstream.text()).replaceAll(
      target,
      `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    );
    if (
      request.url === "/v1/oauth2/token" &&
      new URLSearchParams(sent).get("grant_type") === "refresh_token" &&
      upstream.ok
    ) {
      const { token_type: _dropped, ...answer } = JSON.parse(text);
      answeredTokens.push(answer.access_token, answer.refresh_token);
      text = JSON.stringify(answer);
    }
    response
      .writeHead(upstream.status, {
        "content-type": upstream.headers.get("content-type") ?? "application/json",
      })
      .end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

// The app reaches Polar through the proxy: this file runs in the isolated
// project (vitest.config.ts), whose files each load the app's modules afresh.
const db = setUpEmulator(async ({ issuer }) => {
  emulatorUrl = issuer;
  proxy = await startProxy(issuer);
  process.env.POLAR_EMULATOR_URL = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
  ({ freshAccessToken } = await import("./refresh"));
});

afterAll(() => proxy?.close());

it("keeps the tokens of a malformed refresh answer out of the error and the log", async () => {
  const tokens = await authorizationCodeTokens(emulatorUrl, {
    userId: ADA_ID,
    subType: "organization",
    organizationId: NEBULA_ID,
    scope: "openid organizations:read",
  });
  const user = await db.user.create({ data: { name: "Ada Lovelace" } });
  const connection = await db.organizationConnection.create({
    data: {
      userId: user.id,
      organizationId: NEBULA_ID,
      organizationSlug: "nebula-labs",
      organizationName: "Nebula Labs",
      access_token: tokens.access_token,
      refresh_token: tokens.refresh_token,
      expires_at: 0,
    },
  });
  const logged: unknown[] = [];
  for (const method of ["error", "warn", "log", "info"] as const) {
    vi.spyOn(console, method).mockImplementation((...args) => void logged.push(...args));
  }

  const error = await freshAccessToken("OrganizationConnection", connection.id).catch(
    (thrown: unknown) => thrown,
  );

  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).toMatch(/token_type/);
  // Polar did answer with new tokens: they must not reach a log, however the error is printed.
  expect(answeredTokens).toEqual([
    expect.stringMatching(/^polar_at_u_/),
    expect.stringMatching(/^polar_rt_u_/),
  ]);
  const printed = [
    inspect(error, { depth: Infinity, showHidden: true }),
    ...logged.map((entry) => inspect(entry, { depth: Infinity })),
  ].join("\n");
  for (const token of answeredTokens) expect(printed).not.toContain(token);
  expect(printed).not.toMatch(TOKEN);
  vi.restoreAllMocks();
});
