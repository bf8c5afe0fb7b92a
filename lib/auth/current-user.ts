import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { auth } from "@/auth";

/**
 * The signed-in user, read once per request however many layouts and pages ask.
 * Polar sends no name for users, so `displayName` is the name if the user row
 * has one (a template may add it), else the Polar account's email.
 */
export const currentUser = cache(async () => {
  const session = await auth();
  const user = session?.user;
  if (!user?.id) redirect("/");
  const email = user.email?.trim() || null;
  return { id: user.id, email, displayName: user.name?.trim() || email || "your Polar account" };
});
