// The Session row keeps the SHA-256 (hex) of the session cookie, never the
// cookie itself: a copy of the table (a backup, a dump, a read-only SQL
// injection) signs nobody in. The migration that introduced this rewrote the
// existing rows with PostgreSQL's sha256(), so nobody was signed out.

import "server-only";
import { createHash } from "node:crypto";
import type { Adapter, AdapterSession } from "next-auth/adapters";

/** The SHA-256 (hex) of a session cookie's value: what the Session row stores. */
export function hashSessionToken(sessionToken: string) {
  return createHash("sha256").update(sessionToken, "utf8").digest("hex");
}

/** Hands back a session row as Auth.js knows it: with the cookie's value. */
function withCookieToken<T extends AdapterSession | null | undefined>(session: T, sessionToken: string): T {
  return session && { ...session, sessionToken };
}

/** Wraps an Auth.js adapter's session methods so that they store and look up the hash of the cookie. */
export function withHashedSessions(adapter: Adapter): Adapter {
  const { createSession, getSessionAndUser, updateSession, deleteSession } = adapter;
  if (!createSession || !getSessionAndUser || !updateSession || !deleteSession) {
    throw new Error("withHashedSessions needs an adapter with database sessions.");
  }
  return {
    ...adapter,
    async createSession(session) {
      const created = await createSession({
        ...session,
        sessionToken: hashSessionToken(session.sessionToken),
      });
      return withCookieToken(created, session.sessionToken);
    },
    async getSessionAndUser(sessionToken) {
      const found = await getSessionAndUser(hashSessionToken(sessionToken));
      return found && { user: found.user, session: withCookieToken(found.session, sessionToken) };
    },
    async updateSession(session) {
      const updated = await updateSession({
        ...session,
        sessionToken: hashSessionToken(session.sessionToken),
      });
      return withCookieToken(updated, session.sessionToken);
    },
    async deleteSession(sessionToken) {
      const deleted = await deleteSession(hashSessionToken(sessionToken));
      return deleted ? withCookieToken(deleted, sessionToken) : null;
    },
  };
}
