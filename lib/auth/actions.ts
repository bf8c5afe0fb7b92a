"use server";

import { signIn, signOut } from "@/auth";
import { ORGANIZATION_PROVIDER_ID, USER_PROVIDER_ID } from "./polar-provider";

export async function signInWithPolar() {
  await signIn(USER_PROVIDER_ID, { redirectTo: "/dashboard" });
}

export async function connectOrganization() {
  await signIn(ORGANIZATION_PROVIDER_ID, { redirectTo: "/dashboard" });
}

export async function signOutOfApp() {
  await signOut({ redirectTo: "/" });
}
