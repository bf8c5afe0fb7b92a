import "server-only";
import type { models } from "@/lib/polar/client";

/** The organization as the header shows it, read from Polar now (the connection stores it as of connect time). */
export interface OrganizationDetails {
  name: string;
  slug: string;
  avatarUrl: string | null;
  website: string | null;
  currency: string;
}

/** The details' name in the cache key: the organization's own read, which grant checks renew. */
export const DETAILS = "details";

export const toDetails = (organization: models.Organization): OrganizationDetails => ({
  name: organization.name,
  slug: organization.slug,
  avatarUrl: organization.avatar_url ?? null,
  website: organization.website ?? null,
  currency: organization.default_presentment_currency,
});
