// What the benchmarks know of the app's organization dashboard: its pages and
// the problem notices they can show.

/** The list pages under /dashboard/<slug>/, each paginated with ?page=. */
export const LIST_PAGES = ["products", "orders", "customers", "subscriptions"] as const;

/** The list pages Polar searches (?query=). */
export const SEARCHABLE_LISTS = ["customers", "products"] as const;

/** Notices that say the app is out of Polar budget: rate limited by Polar, or its own budget spent with nothing cached. */
export const OUT_OF_BUDGET = new Set(["rate-limited", "busy"]);

/** The values of the attribute `name` (in any case) on a page, once each. */
const attributeValues = (html: string, name: string) => [
  ...new Set(Array.from(html.matchAll(new RegExp(` ${name}="([^"]*)"`, "gi")), (match) => match[1] ?? "")),
];

/**
 * The kinds of the problem notices on a page, once each: the `data-problem`
 * attribute of components/polar-problem.tsx (e.g. "rate-limited", "busy").
 */
export const problemKinds = (html: string): string[] => attributeValues(html, "data-problem");

/**
 * Why panels on a page show an older copy, once each: the `data-stale`
 * attribute of components/read-time.tsx (Polar could not be asked again).
 */
export const staleKinds = (html: string): string[] => attributeValues(html, "data-stale");

/** When the panels on a page were read from Polar (their `<time dateTime>`), in ms since the epoch. */
export const readTimes = (html: string): number[] =>
  attributeValues(html, "datetime").map((value) => Date.parse(value));
