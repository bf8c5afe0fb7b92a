"use server";

import { redirect } from "next/navigation";
import { auth, signIn, signOut } from "@/auth";
import { disconnectOrganization as disconnect } from "./connections";
import { ORGANIZATION_PROVIDER_ID, USER_PROVIDER_ID } from "./polar-provider";

export async function signInWithPolar() {
  await signIn(USER_PROVIDER_ID, { redirectTo: "/dashboard" });
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
