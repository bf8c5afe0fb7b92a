// oauth4webapi's real errors for malformed or failed token answers, before and
// after tokenFreeError.
import { createServer } from "node:net";
import { inspect } from "node:util";
import * as oauth from "oauth4webapi";
import { describe, expect, it } from "vitest";
import { tokenFreeError } from "./token-free-error";

const as: oauth.AuthorizationServer = {
  issuer: "https://polar.example",
  token_endpoint: "https://polar.example/v1/oauth2/token",
};
const client: oauth.Client = { client_id: "polar_ci_example" };
const TOKENS = { access_token: "polar_at_o_secret_access", refresh_token: "polar_rt_o_secret_refresh" };
const TOKEN = /polar_(at|rt)_/;

/** What Node prints for the error (console.error, Next's error log), causes and hidden fields included. */
const printed = (error: unknown) => inspect(error, { depth: Infinity, showHidden: true });

function answer(body: string, status = 200) {
  return new Response(body, { status, headers: { "content-type": "application/json" } });
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the promise to reject");
}

describe("tokenFreeError", () => {
  it("drops the token response oauth4webapi attaches to a malformed answer (no token_type)", async () => {
    const error = await failure(
      oauth.processRefreshTokenResponse(as, client, answer(JSON.stringify(TOKENS))),
    );
    expect(printed(error)).toMatch(TOKEN);

    const safe = tokenFreeError(error);
    expect(printed(safe)).not.toMatch(TOKEN);
    expect(safe).toBeInstanceOf(oauth.OperationProcessingError);
    expect(safe.message).toBe(error.message);
    expect(safe).toMatchObject({ name: "OperationProcessingError", code: "OAUTH_INVALID_RESPONSE" });
    expect(safe.stack).toBe(error.stack);
  });

  it("drops the body a JSON parse error quotes", async () => {
    const error = await failure(
      oauth.processRefreshTokenResponse(as, client, answer(`${TOKENS.access_token} is not JSON`)),
    );
    expect(printed(error)).toMatch(TOKEN);
    expect(printed(tokenFreeError(error))).not.toMatch(TOKEN);
  });

  it("keeps what callers branch on: the class, the status and a known OAuth error code", async () => {
    const body = {
      error: "invalid_grant",
      error_description: `refresh token ${TOKENS.refresh_token} was revoked`,
    };
    const error = await failure(
      oauth.processRefreshTokenResponse(as, client, answer(JSON.stringify(body), 400)),
    );
    const safe = tokenFreeError(error);
    expect(printed(error)).toMatch(TOKEN);
    expect(printed(safe)).not.toMatch(TOKEN);
    expect(safe).toBeInstanceOf(oauth.ResponseBodyError);
    expect(safe).toMatchObject({ error: "invalid_grant", status: 400 });

    const odd = await failure(
      oauth.processRevocationResponse(answer(JSON.stringify({ error: TOKENS.access_token }), 400)),
    );
    expect(tokenFreeError(odd)).toMatchObject({ error: "unrecognized_error" });
    expect(printed(tokenFreeError(odd))).not.toMatch(TOKEN);
  });

  it("keeps the status of an answer that is no OAuth response, without its body", async () => {
    const page = new Response(`<html>Bad gateway ${TOKENS.refresh_token}</html>`, { status: 502 });
    const error = await failure(oauth.processRevocationResponse(page));
    const safe = tokenFreeError(error);
    expect(safe).toMatchObject({ code: "OAUTH_RESPONSE_IS_NOT_CONFORM", status: 502 });
    expect(printed(safe)).not.toMatch(TOKEN);
  });

  it("keeps a network failure recognisable, with its code", async () => {
    const server = createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const error = await failure(fetch(`http://127.0.0.1:${port}/v1/oauth2/token`));
    const safe = tokenFreeError(error);
    expect(safe).toBeInstanceOf(TypeError);
    expect(safe.message).toBe("fetch failed");
    expect(safe.cause).toEqual({ code: "ECONNREFUSED" });
  });
});
