"use server";

import { redirect } from "next/navigation";
import { auth, signIn, signOut } from "@/auth";
import { landingSearch, parseSearchParams } from "@/lib/search-params";
import { disconnectOrganization as disconnect } from "./connections";
import { ORGANIZATION_PROVIDER_ID, USER_PROVIDER_ID } from "./polar-provider";

/** Form field `callbackUrl` (optional): the page of this app to land on after sign-in. */
export async function signInWithPolar(formData: FormData) {
  const { callbackUrl } = parseSearchParams(landingSearch, { callbackUrl: formData.get("callbackUrl") });
  await signIn(USER_PROVIDER_ID, { redirectTo: callbackUrl ?? "/dashboard" });
}

export async function connectOrganization() {
  await signIn(ORGANIZATION_PROVIDER_ID, { redirectTo: "/dashboard" });
}

/** Form field `organizationId`; only ever acts on the signed-in user's own connection. */
export async function disconnectOrganization(formData: FormData) {
  const session = await auth();
  if (!session?.user?.id) redirect("/");
  const organizationId = formData.get("organizationId");
  if (typeof organizationId === "string") await disconnect(session.user.id, organizationId);
  redirect("/dashboard");
}

export async function signOutOfApp() {
  await signOut({ redirectTo: "/" });
}
