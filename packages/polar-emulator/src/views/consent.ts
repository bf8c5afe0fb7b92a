import type { SeedOrganization, SeedUser } from "../data/seed.ts";
import { scopeDisplayName } from "../scopes.ts";
import { html, initials, SafeHtml } from "./html.ts";
import { layout } from "./layout.ts";

export interface ConsentPageOptions {
  action: string;
  switchAction: string;
  clientName: string;
  user: SeedUser;
  scopes: string[];
  subType: "user" | "organization";
  organizations: SeedOrganization[];
}

/**
 * sub_type=user (Polar's OrganizationSelector): "All organizations", the
 * default, or specific ones by checkbox, which down-scope the token to them.
 */
function userPicker(organizations: SeedOrganization[]) {
  return html`<fieldset style="border:0;margin:0 0 22px;padding:0">
  <legend class="section-title">Organization access</legend>
  <label class="org" style="margin-bottom:6px"><input type="radio" name="organization_access" value="all" checked aria-describedby="access-all"> All organizations</label>
  <p class="muted" id="access-all" style="margin:0 0 10px 30px">This token can access every organization you belong to, including ones you join later.</p>
  <label class="org" style="margin-bottom:6px"><input type="radio" name="organization_access" value="specific" aria-describedby="access-specific"> Specific organizations</label>
  <p class="muted" id="access-specific" style="margin:0 0 8px 30px">This token can access only the organizations you select below.</p>
  <ul class="list" style="margin:0">${organizations.map(
    (org) => html`<li>
    <label class="org"><input type="checkbox" name="organizations" value="${org.id}" aria-describedby="slug-${org.id}">
      <span class="avatar" aria-hidden="true">${initials(org.name)}</span>${org.name}</label>
    <span class="muted" id="slug-${org.id}">${org.slug}</span>
  </li>`,
  )}</ul>
</fieldset>`;
}

export function consentPage(options: ConsentPageOptions): string {
  const { user, subType, organizations } = options;
  const scopeItems = options.scopes.map(
    (scope) =>
      html`<li><span class="check" aria-hidden="true">✓</span><span class="who">${scopeDisplayName(scope)}</span></li>`,
  );
  const picker =
    subType === "user"
      ? organizations.length > 0
        ? userPicker(organizations)
        : null
      : organizations.length > 0
        ? html`<fieldset style="border:0;margin:0 0 22px;padding:0">
  <legend class="section-title">Organization</legend>
  <p class="muted" style="margin:0 0 8px">This token is limited to the organization you select below.</p>
  <ul class="list" style="margin:0">${organizations.map(
    (org) => html`<li>
    <label class="org"><input type="radio" name="organizations" value="${org.id}" required${
      organizations.length === 1 ? new SafeHtml(" checked") : null
    } aria-describedby="slug-${org.id}">
      <span class="avatar" aria-hidden="true">${initials(org.name)}</span>${org.name}</label>
    <span class="muted" id="slug-${org.id}">${org.slug}</span>
  </li>`,
  )}</ul>
</fieldset>`
        : html`<p class="error" role="alert">${user.name} is not a member of any organization, so there is nothing to grant access to.</p>`;
  const canAllow = subType === "user" || organizations.length > 0;

  return layout(
    "Authorize",
    html`<section class="card" aria-labelledby="title">
  <h1 id="title">${options.clientName} wants to access your Polar ${subType === "organization" ? "organization" : "account"}</h1>
  <p class="lead">Signed in as <strong>${user.name}</strong> (${user.email})</p>
  <form method="post" action="${options.action}">
    ${picker}
    <p class="section-title">This will allow ${options.clientName} to</p>
    <ul class="list">${scopeItems}</ul>
    <div class="actions">
      <button type="submit" name="action" value="deny" class="secondary" formnovalidate>Deny</button>
      ${canAllow ? html`<button type="submit" name="action" value="allow" class="primary">Allow</button>` : null}
    </div>
  </form>
  <form method="post" action="${options.switchAction}" style="margin-top:14px;text-align:center">
    <button type="submit" class="secondary" style="background:none;border:0;color:var(--muted);font-weight:500">Use another account</button>
  </form>
</section>`,
  );
}
