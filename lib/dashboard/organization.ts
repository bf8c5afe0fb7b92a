import "server-only";
import { cache } from "react";
import { readOrganization } from "./organization-access";
import { detailsRead, toDetails } from "./organization-details";

/** The organization as Polar has it now (grant checks, which read it too, keep the entry fresh). */
export const readOrganizationDetails = cache((slug: string) =>
  readOrganization(slug, detailsRead(), "organizations:read", async (polar, id) =>
    toDetails(await polar.organizations.get(id)),
  ),
);
