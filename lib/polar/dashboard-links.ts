import "server-only";
import { polarWebOrigin } from "./discovery";

/** A page of the organization in Polar's own dashboard, e.g. `/products/<id>`. */
export async function polarDashboardUrl(slug: string, path = "") {
  return `${await polarWebOrigin()}/dashboard/${slug}${path}`;
}
