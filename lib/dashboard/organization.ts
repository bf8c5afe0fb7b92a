import "server-only";
import { READ_SCOPES } from "@/lib/polar/scopes";
import { DETAILS, toDetails } from "./organization-details";
import { organizationRead } from "./organization-read";

/** The organization as Polar has it now (grant checks, which read it too, keep its entry fresh). */
export const detailsLoader = organizationRead({
  name: DETAILS,
  scope: READ_SCOPES.organization,
  key: () => [],
  load: async (polar, organizationId) => toDetails(await polar.organizations.get(organizationId)),
});
