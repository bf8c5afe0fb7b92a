import type { SeedUser } from "../data/seed.ts";
import { html, initials } from "./html.ts";
import { layout } from "./layout.ts";

export function loginPage(options: { action: string; clientName: string; users: SeedUser[] }): string {
  const rows = options.users.map(
    (user) => html`<li>
  <span class="avatar" aria-hidden="true">${initials(user.name)}</span>
  <span class="who"><strong>${user.name}</strong><span>${user.email}</span></span>
  <form method="post" action="${options.action}">
    <input type="hidden" name="user_id" value="${user.id}">
    <button type="submit" class="primary">Continue as ${user.name}</button>
  </form>
</li>`,
  );
  return layout(
    "Sign in",
    html`<section class="card" aria-labelledby="title">
  <h1 id="title">Sign in to Polar</h1>
  <p class="lead">to continue to <strong>${options.clientName}</strong>. Pick a seeded account — there is no password.</p>
  <ul class="list accounts">${rows}</ul>
</section>`,
  );
}
