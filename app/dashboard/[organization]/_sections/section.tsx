import { Suspense } from "react";
import { Panel, ViewAllLink } from "@/components/panel";
import { SearchForm } from "@/components/search-form";
import { ListSkeleton } from "@/components/skeletons";
import { PAGE_SIZE, PANEL_SIZE, type ListRead } from "@/lib/dashboard/list-page";
import type { OrganizationRead } from "@/lib/dashboard/organization-read";
import type { PeriodKey } from "@/lib/polar/periods";
import type { ReadScope } from "@/lib/polar/scopes";
import { listSearch, overviewSearch, parseSearchParams, type SearchParams } from "@/lib/search-params";
import type { ListProps } from "../_components/list-props";

/** What a page of the organization shows: the overview for a period, or a section's own page of its list. */
export type View = { kind: "overview"; period: PeriodKey } | { kind: "page"; page: number; query: string };

/** The view at `path` ("" for the overview, else a section's segment) for its query parameters. */
export function viewOf(path: string, search: SearchParams): View {
  if (path === "") return { kind: "overview", ...parseSearchParams(overviewSearch, search) };
  return { kind: "page", ...parseSearchParams(listSearch, search) };
}

/** A view as a query string (without "?"), parameters at their defaults left out: for links back to it. */
export function viewSearch(view: View) {
  if (view.kind === "overview") return new URLSearchParams({ period: view.period }).toString();
  return new URLSearchParams({
    ...(view.query ? { query: view.query } : {}),
    ...(view.page > 1 ? { page: String(view.page) } : {}),
  }).toString();
}

/** One section of an organization's dashboard (sections.tsx). */
export interface Section {
  /** Its id and, with a tab, its path segment: /dashboard/<slug>/<segment>. */
  segment: string;
  /** The title of its tab, of its page and of its panel on the overview. */
  title: string;
  /** The scope its loader needs (lib/polar/scopes.ts). */
  scope: ReadScope;
  /** Its loader (lib/dashboard/). */
  loader: OrganizationRead<never, unknown>;
  /** Its loader's keys for a view: what Refresh renews ([] where the view does not show it). */
  reads: (view: View) => (string | number)[][];
  /** Its panel, on the overview or on its own page. */
  Panel: (props: { slug: string; view: View }) => React.ReactNode;
  /** Its own tab and page; without one it shows on the overview only. */
  tab?: { description: string; searchLabel?: string };
}

/** The sections with a tab of their own. */
export const tabsOf = (sections: Section[]) => sections.filter((section) => section.tab);

/** The section whose own page is /dashboard/<slug>/<segment>. */
export const sectionAt = (sections: Section[], segment: string) =>
  tabsOf(sections).find((section) => section.segment === segment);

/** What the page at `path` ("" or a section's segment) shows for `view`, as loaders' keys; undefined for no page. */
export function viewReads(sections: Section[], path: string, view: View) {
  if (path === "") return sections.flatMap((section) => section.reads(view));
  return sectionAt(sections, path)?.reads(view);
}

/**
 * A section that shows one of Polar's lists: its first few rows on the overview
 * (under `overviewTitle`, with a link to its page) and, on its own page, a page
 * of them, searchable when the tab gives a `searchLabel`.
 */
export function listSection<Row>(section: {
  segment: string;
  title: string;
  overviewTitle: string;
  loader: ListRead<Row>;
  /** Its rows: a page of the list, or the problem to show. */
  List: (props: ListProps) => Promise<React.ReactNode>;
  tab: { description: string; searchLabel?: string };
}): Section {
  const { segment, title, overviewTitle, loader, List, tab } = section;
  const params = (view: View) =>
    view.kind === "overview"
      ? { page: 1, limit: PANEL_SIZE, query: "" }
      : { page: view.page, limit: PAGE_SIZE, query: tab.searchLabel ? view.query : "" };
  return {
    segment,
    title,
    scope: loader.scope,
    loader,
    tab,
    reads: (view) => [loader.key(params(view))],
    Panel({ slug, view }) {
      const { page, limit, query } = params(view);
      const base = `/dashboard/${slug}`;
      if (view.kind === "overview") {
        return (
          <Panel
            id={segment}
            title={overviewTitle}
            action={<ViewAllLink href={`${base}/${segment}`} label={`View all ${segment}`} />}
          >
            <Suspense fallback={<ListSkeleton label={segment} />}>
              <List
                slug={slug}
                page={page}
                limit={limit}
                query={query}
                retryHref={`${base}?${viewSearch(view)}`}
              />
            </Suspense>
          </Panel>
        );
      }
      const path = `${base}/${segment}`;
      const search = viewSearch({ ...view, query });
      return (
        <Panel
          id={segment}
          title={title}
          description={tab.description}
          action={tab.searchLabel && <SearchForm action={path} query={query} label={tab.searchLabel} />}
        >
          <Suspense key={`${page}:${query}`} fallback={<ListSkeleton rows={8} label={segment} />}>
            <List
              slug={slug}
              page={page}
              limit={limit}
              query={query}
              paginate
              retryHref={search ? `${path}?${search}` : path}
            />
          </Suspense>
        </Panel>
      );
    },
  };
}
