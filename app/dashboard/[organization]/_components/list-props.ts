import { polarDashboardUrl } from "@/lib/polar/dashboard-links";

/** What a list panel is asked to show; a full list page sets `paginate`. */
export interface ListProps {
  slug: string;
  page: number;
  limit: number;
  /** Search text, "" for none (lists Polar cannot search ignore it). */
  query: string;
  paginate?: boolean;
  retryHref: string;
}

/** Pagination for a full list page at /dashboard/<slug>/<list>, keeping the search. */
export function paging({ slug, query, paginate }: ListProps, list: string, page: number) {
  if (!paginate) return undefined;
  return {
    basePath: `/dashboard/${slug}/${list}`,
    params: query ? { query } : ({} as Record<string, string>),
    page,
  };
}

/** A link maker for rows' pages in Polar's dashboard. */
export function polarLinks(slug: string) {
  const base = polarDashboardUrl(slug);
  return (path: string, label: string) => ({ href: `${base}${path}`, label });
}
