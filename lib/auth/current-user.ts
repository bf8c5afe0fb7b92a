import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { auth } from "@/auth";

/** The signed-in user, read once per request however many layouts and pages ask. */
export const currentUser = cache(async () => {
  const session = await auth();
  const user = session?.user;
  if (!user?.id) redirect("/");
  return { id: user.id, name: user.name ?? null, email: user.email ?? null };
});
