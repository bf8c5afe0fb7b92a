// What Auth.js itself does with the session cookie, through @auth/core's
// request handler, the hashed-session adapter and the real PostgreSQL.
import { randomUUID } from "node:crypto";
import { Auth, type AuthConfig } from "@auth/core";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { beforeEach, describe, expect, it } from "vitest";
import { setUpDatabase } from "@/test-support/integration";
import { hashSessionToken, withHashedSessions } from "./hashed-sessions";
import { sessionCookieOptions } from "./session-cookie";

const db = setUpDatabase();

const config: AuthConfig = {
  adapter: withHashedSessions(PrismaAdapter(db)),
  session: { strategy: "database" },
  providers: [],
  secret: "session-cookie-test-secret-0123456789abcdef",
  trustHost: true,
  basePath: "/api/auth",
};

let cookie: string;

/** GET /api/auth/session with `name=value` as the cookie; the session and the session cookie Auth.js sets. */
async function readSession(
  origin: string,
  name: string,
  value: string,
  cookies = sessionCookieOptions(false),
) {
  const response = await Auth(
    new Request(`${origin}/api/auth/session`, { headers: { cookie: `${name}=${value}` } }),
    { ...config, cookies },
  );
  const setCookie = response.headers
    .getSetCookie()
    .filter((line) => /^[\w-]*authjs\.session-token=/.test(line));
  return { session: await response.json(), setCookie };
}

beforeEach(async () => {
  const user = await db.user.create({ data: { name: "Ada" } });
  cookie = randomUUID();
  await config.adapter!.createSession!({
    sessionToken: cookie,
    userId: user.id,
    expires: new Date(Date.now() + 3_600_000),
  });
});

describe("the session cookie", () => {
  it("is __Secure- prefixed by Auth.js's own default on https, which allows a Domain attribute", async () => {
    const { session, setCookie } = await readSession(
      "https://app.example.com",
      "__Secure-authjs.session-token",
      cookie,
    );
    expect(session.user.name).toBe("Ada");
    expect(setCookie).toEqual([
      expect.stringMatching(
        /^__Secure-authjs\.session-token=[^;]+; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$/,
      ),
    ]);
  });

  it("is __Host- prefixed in production: Secure, Path=/, no Domain, on https and on localhost", async () => {
    for (const origin of ["https://app.example.com", "http://localhost:3000"]) {
      const { session, setCookie } = await readSession(
        origin,
        "__Host-authjs.session-token",
        cookie,
        sessionCookieOptions(true),
      );
      expect(session.user.name, origin).toBe("Ada");
      expect(setCookie, origin).toEqual([
        expect.stringMatching(
          /^__Host-authjs\.session-token=[^;]+; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$/,
        ),
      ]);
    }
    // The unprefixed or __Secure- cookie of the default names no session in production.
    const { session } = await readSession(
      "https://app.example.com",
      "__Secure-authjs.session-token",
      cookie,
      sessionCookieOptions(true),
    );
    expect(session).toBeNull();
  });

  it("works with the cookie's value, not with the value stored in the Session table", async () => {
    const stored = hashSessionToken(cookie);
    expect((await db.session.findFirstOrThrow()).sessionToken).toBe(stored);
    const { session, setCookie } = await readSession("http://localhost:3000", "authjs.session-token", stored);
    expect(session).toBeNull();
    expect(setCookie).toEqual([expect.stringMatching(/^authjs\.session-token=; /)]);
  });
});
