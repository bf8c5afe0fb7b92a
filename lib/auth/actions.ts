"use server";

import { redirect } from "next/navigation";
import { auth, signIn, signOut } from "@/auth";
import { landingSearch, parseSearchParams } from "@/lib/search-params";
import { signInLocation } from "./auth-errors";
import { revokeAndDeleteConnection } from "@/lib/grants/connections";
import { ORGANIZATION_PROVIDER_ID, USER_PROVIDER_ID } from "@/lib/polar/flows";

/** Sends the browser to Polar's authorize page, or to the page that explains why it can't. */
async function startPolarFlow(providerId: string, redirectTo: string) {
  redirect(await signInLocation(() => signIn(providerId, { redirectTo, redirect: false })));
}

/** Form field `callbackUrl` (optional): the page of this app to land on after sign-in. */
export async function signInWithPolar(formData: FormData) {
  const { callbackUrl } = parseSearchParams(landingSearch, { callbackUrl: formData.get("callbackUrl") });
  await startPolarFlow(USER_PROVIDER_ID, callbackUrl ?? "/dashboard");
}

/** Sends the browser to Polar's consent page, where the person picks the organization to connect. */
export async function pickOrganizationAtPolar() {
  await startPolarFlow(ORGANIZATION_PROVIDER_ID, "/dashboard");
}

/** Form field `organizationId`; only ever acts on the signed-in user's own connection. */
export async function disconnectOrganization(formData: FormData) {
  const session = await auth();
  if (!session?.user?.id) redirect("/");
  const organizationId = formData.get("organizationId");
  if (typeof organizationId === "string") await revokeAndDeleteConnection(session.user.id, organizationId);
  redirect("/dashboard");
}

/**
 * From the switch-account page: signs out of this app, then signs in with
 * Polar again, where the browser is now signed in as the other account.
 */
export async function continueAsOtherPolarAccount() {
  // redirectTo: sign-out would otherwise store this page as where sign-in leads.
  await signOut({ redirect: false, redirectTo: "/dashboard" });
  await startPolarFlow(USER_PROVIDER_ID, "/dashboard");
}

export async function signOutOfApp() {
  await signOut({ redirectTo: "/" });
}
