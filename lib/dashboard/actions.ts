"use server";

import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-user";
import { findConnection } from "@/lib/grants/connections";
import { invalidateOwner, organizationOwner } from "@/lib/polar/read-cache";

/**
 * Form fields `slug` and `path` (the tab to return to: "" or "/orders", …): reads the signed-in user's organization from Polar again, now.
 */
export async function refreshOrganization(formData: FormData) {
  const user = await currentUser();
  const slug = formData.get("slug");
  const connection = typeof slug === "string" ? await findConnection(user.id, slug) : undefined;
  if (!connection) redirect("/dashboard");
  await invalidateOwner(organizationOwner(connection.organizationId));
  const base = `/dashboard/${connection.organizationSlug}`;
  const path = formData.get("path");
  redirect(typeof path === "string" && /^\/[a-z]*$/.test(path) ? `${base}${path}` : base);
}
