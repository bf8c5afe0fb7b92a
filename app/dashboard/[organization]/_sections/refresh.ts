"use server";

import { redirect } from "next/navigation";
import { refreshReads } from "@/lib/dashboard/refresh";
import { viewOf, viewReads, viewSearch } from "./section";
import { SECTIONS } from "./sections";

/**
 * Form fields `slug`, `path` (the page: "" for the overview, else a section's
 * segment) and `search` (its query string): reads what that page shows from
 * Polar again (lib/dashboard/refresh.ts), then shows the page again.
 */
export async function refreshOrganization(formData: FormData) {
  const field = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : "";
  };
  const [slug, path] = [field("slug"), field("path")];
  const view = viewOf(path, Object.fromEntries(new URLSearchParams(field("search"))));
  const reads = viewReads(SECTIONS, path, view);
  // Only the user's own organization, and only a page it has: else their dashboard.
  if (!reads || !(await refreshReads(slug, reads))) redirect("/dashboard");
  const search = viewSearch(view);
  redirect(`/dashboard/${encodeURIComponent(slug)}${path && `/${path}`}${search && `?${search}`}`);
}
