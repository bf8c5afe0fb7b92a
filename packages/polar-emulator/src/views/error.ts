import { html } from "./html.ts";
import { layout } from "./layout.ts";

export function errorPage(options: { title: string; error: string; description?: string }): string {
  return layout(
    options.title,
    html`<section class="card" aria-labelledby="title">
  <h1 id="title">${options.title}</h1>
  <p class="lead"><code>${options.error}</code></p>
  ${options.description ? html`<p class="muted" style="text-align:center">${options.description}</p>` : null}
</section>`,
  );
}
