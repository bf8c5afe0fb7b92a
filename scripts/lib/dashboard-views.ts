// What the benchmarks know of the app's organization dashboard: its pages and
// the problem notices they can show.

/** The list pages under /dashboard/<slug>/, each paginated with ?page=. */
export const LIST_PAGES = ["products", "orders", "customers", "subscriptions"] as const;

/**
 * The kinds of the problem notices on a page, once each: the `data-problem`
 * attribute of components/polar-problem.tsx (e.g. "rate-limited", "busy").
 */
export function problemKinds(html: string): string[] {
  return [...new Set(Array.from(html.matchAll(/data-problem="([^"]*)"/g), (match) => match[1] ?? ""))];
}
