import type { SeedOrganization } from "../data/seed.ts";
import { html } from "./html.ts";
import { layout } from "./layout.ts";

/**
 * Where the app's "Open in Polar" links land locally. Polar's own dashboard is
 * not emulated; this page says so and names what the link points at.
 */
export function dashboardPage(options: {
  organization: SeedOrganization | undefined;
  path: string;
  appUrl: string;
}) {
  const { organization } = options;
  return layout(
    "Dashboard",
    html`<section class="card" aria-labelledby="title">
  <h1 id="title">${organization ? organization.name : "Unknown organization"} on Polar</h1>
  <p class="lead">This link opens Polar's dashboard at <code>${options.path}</code>. The emulator plays Polar's sign-in and API only, so there is no dashboard here; on polar.sh this is where the organization is managed.</p>
  <p><a href="${options.appUrl}/dashboard">Back to the app</a></p>
</section>`,
  );
}
