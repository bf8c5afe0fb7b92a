import "server-only";
import { polarServer } from "./server";

/** A page of the organization in Polar's own dashboard, e.g. `/products/<id>`. */
export function polarDashboardUrl(slug: string, path = "") {
  return `${polarServer.webOrigin}/dashboard/${slug}${path}`;
}
