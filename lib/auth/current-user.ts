import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import { retryRevocationsAfterResponse } from "@/lib/grants/revocation-outbox";
import { REQUEST_PATH_HEADER } from "./session-cookie";

/**
 * The signed-in user, read once per request however many layouts and pages ask;
 * without a session, a redirect to sign-in that comes back to this page.
 * Polar sends no name for users, so `displayName` is the name if the user row
 * has one (a template may add it), else the Polar account's email.
 * Every dashboard request passes here: after its response, now and then, the
 * revocations Polar has not confirmed are sent again.
 */
export const currentUser = cache(async () => {
  retryRevocationsAfterResponse();
  const session = await auth();
  const user = session?.user;
  if (!user?.id) {
    const path = (await headers()).get(REQUEST_PATH_HEADER);
    redirect(path?.startsWith("/") ? `/?${new URLSearchParams({ callbackUrl: path })}` : "/");
  }
  const email = user.email?.trim() || null;
  return { id: user.id, email, displayName: user.name?.trim() || email || "your Polar account" };
});
