import type { Dataset } from "../data/dataset.ts";
import { clients } from "../data/seed.ts";
import { API_ROUTES } from "../routes.ts";
import { html } from "./html.ts";
import { layout } from "./layout.ts";

export function homePage(options: {
  data: Dataset;
  issuer: string;
  webUrl: string;
  appUrl: string;
  controls: boolean;
}): string {
  const { data } = options;
  const memberOf = (userId: string) =>
    data
      .organizationsOf(userId)
      .map((org) => `${org.name} (${data.roleOf(userId, org.id)})`)
      .join(", ") || "no organization";
  const seeded = data.users.slice(0, data.users.length - data.load.users);
  return layout(
    "Emulator",
    html`<section class="card" aria-labelledby="title">
  <h1 id="title">Polar emulator</h1>
  <p class="lead">Plays polar.sh at <code>${options.webUrl}</code> and api.polar.sh (the issuer) at <code>${options.issuer}</code> for the app at <code>${options.appUrl}</code>.</p>
  <p class="section-title">Accounts</p>
  <ul class="list">${seeded.map(
    (user) =>
      html`<li><span class="who"><strong>${user.name}</strong><span>${user.email} · ${memberOf(user.id)}</span></span></li>`,
  )}</ul>
  ${
    data.load.users > 0
      ? html`<p class="muted">Load-test population: ${data.load.users} users (load-user-…@example.com) over ${data.load.organizations} organizations (load-org-…).</p>`
      : null
  }
  <p class="section-title">OAuth clients</p>
  <ul class="list">${clients.map(
    (client) =>
      html`<li><span class="who"><strong><code>${client.client_id}</code></strong><span>${
        client.client_secret ? html`secret <code>${client.client_secret}</code>` : "public client, PKCE"
      }</span></span></li>`,
  )}</ul>
  <p class="muted">Discovery: <code>${options.issuer}${API_ROUTES.openidConfiguration}</code>${
    options.controls ? html` · test controls: <code>${options.issuer}${API_ROUTES.controls}/…</code>` : null
  }</p>
</section>`,
  );
}
