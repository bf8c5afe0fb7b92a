import NextAuth, { type NextAuthConfig } from "next-auth";
import { skipCSRFCheck } from "@auth/core";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { db } from "@/lib/db/client";
import { withHashedSessions } from "@/lib/auth/hashed-sessions";
import { sessionCookieOptions } from "@/lib/auth/session-cookie";
import { logAuthError } from "@/lib/auth/auth-errors";
import { grantStored, holdNewGrant } from "@/lib/auth/auth-request";
import { storeOrganizationGrant } from "@/lib/grants/connections";
import { polarProvider } from "@/lib/auth/polar-provider";
import { ORGANIZATION_PROVIDER_ID, USER_PROVIDER_ID } from "@/lib/polar/flows";
import { sameOriginRedirect } from "@/lib/auth/same-origin-redirect";
import {
  endSignInGrant,
  recordSharedOrganizations,
  signsInWith,
  storeSignInGrant,
} from "@/lib/grants/sign-in-grant";

const config: NextAuthConfig = {
  adapter: withHashedSessions(PrismaAdapter(db)),
  session: { strategy: "database" },
  cookies: sessionCookieOptions(process.env.NODE_ENV === "production"),
  providers: [polarProvider("user"), polarProvider("organization")],
  pages: { signIn: "/", error: "/auth/error" },
  logger: { error: logAuthError },
  callbacks: {
    // Runs right after the token exchange. Until a grant is stored, the request
    // holds it and revokes it if it ends without storing it (an error, a refused
    // organization grant, no session, another Polar account). The organization
    // flow never signs anyone in: it adds a grant to the signed-in user and
    // lands on its dashboard. Someone signed in who comes back from Polar as
    // another Polar account is asked what to do instead of having that account
    // linked to their user, as Auth.js would.
    async signIn({ account }) {
      if (!account) return true;
      holdNewGrant(account, account.provider);
      const session = await auth();
      if (account.provider !== ORGANIZATION_PROVIDER_ID) {
        const signedIn = session?.user?.id;
        return (
          !signedIn || (await signsInWith(signedIn, account.providerAccountId)) || "/auth/switch-account"
        );
      }
      if (!session?.user?.id) return "/?error=SignInFirst";
      const stored = await storeOrganizationGrant(session.user.id, account);
      if (!stored.ok) return `/auth/error?error=${stored.refusal}`;
      grantStored();
      return `/dashboard/${stored.slug}`;
    },
    // With database sessions Auth.js hands over the whole Session row; expose
    // only the user and expiry (the session token stays in its HttpOnly cookie).
    session({ session, user }) {
      return {
        expires: session.expires,
        user: { id: user.id, name: user.name, email: user.email, image: user.image },
      } as typeof session;
    },
    // callbackUrl and redirectTo may only lead back into this app.
    redirect: sameOriginRedirect,
  },
  events: {
    // A new user's first grant: the adapter has just stored it.
    linkAccount({ account }) {
      if (account.provider === USER_PROVIDER_ID) grantStored();
    },
    async signIn({ user, account, isNewUser }) {
      if (account?.provider !== USER_PROVIDER_ID || !user.id) return;
      if (!isNewUser) {
        await storeSignInGrant(user.id, account);
        grantStored();
      }
      await recordSharedOrganizations(account);
    },
    async signOut(message) {
      if ("session" in message && message.session) await endSignInGrant(message.session.userId);
    },
  },
};

/**
 * The config of calls with no request: `auth()` in a server component, which
 * only reads the session, and the sign-in and sign-out server actions, which
 * next-auth already runs without a CSRF check. They skip the CSRF token Auth.js
 * otherwise makes and hashes on every call (a Web Crypto digest, 2–7 ms of a
 * dashboard render on a 2-core machine); the HTTP routes under /api/auth, where
 * it guards form posts, keep it.
 */
const sessionReadConfig: NextAuthConfig = { ...config, skipCSRFCheck };

export const { handlers, auth, signIn, signOut } = NextAuth((request) =>
  request ? config : sessionReadConfig,
);
