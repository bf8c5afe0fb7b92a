import "server-only";
import { cache } from "react";
import { readOrganization } from "./organization-access";

/** The organization as the header shows it, read from Polar now (the connection stores it as of connect time). */
export interface OrganizationDetails {
  name: string;
  slug: string;
  avatarUrl: string | null;
  website: string | null;
  currency: string;
}

/** The cache's name for the organization's details. */
export const detailsRead = () => ["details"];

export const readOrganizationDetails = cache((slug: string) =>
  readOrganization(
    slug,
    detailsRead(),
    "organizations:read",
    async (polar, id): Promise<OrganizationDetails> => {
      const organization = await polar.organizations.get(id);
      return {
        name: organization.name,
        slug: organization.slug,
        avatarUrl: organization.avatar_url ?? null,
        website: organization.website ?? null,
        currency: organization.default_presentment_currency,
      };
    },
  ),
);
