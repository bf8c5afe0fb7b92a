import type { Dataset } from "../data/dataset.ts";
import { html, initials } from "./html.ts";
import { layout } from "./layout.ts";

// The form posts `user_id` (a user's id) to `action`, the field a load test
// posts too. Seeded people get a button each; a load-test population, which
// can hold hundreds of users, gets one list to pick from.
export function loginPage(options: { action: string; clientName: string; data: Dataset }): string {
  const { users, load } = options.data;
  const seeded = users.slice(0, users.length - load.users);
  const generated = users.slice(users.length - load.users);
  const rows = seeded.map(
    (user) => html`<li>
  <span class="avatar" aria-hidden="true">${initials(user.name)}</span>
  <span class="who"><strong>${user.name}</strong><span>${user.email}</span></span>
  <form method="post" action="${options.action}">
    <input type="hidden" name="user_id" value="${user.id}">
    <button type="submit" class="primary">Continue as ${user.name}</button>
  </form>
</li>`,
  );
  const loadTest =
    generated.length > 0
      ? html`<form method="post" action="${options.action}" class="load-users">
  <label for="load-user" class="section-title">Load-test accounts (${generated.length})</label>
  <select id="load-user" name="user_id">${generated.map((user) => html`<option value="${user.id}">${user.email}</option>`)}</select>
  <button type="submit" class="secondary">Continue</button>
</form>`
      : null;
  return layout(
    "Sign in",
    html`<section class="card" aria-labelledby="title">
  <h1 id="title">Sign in to Polar</h1>
  <p class="lead">to continue to <strong>${options.clientName}</strong>. Pick a seeded account — there is no password.</p>
  <ul class="list accounts">${rows}</ul>
  ${loadTest}
</section>`,
  );
}
