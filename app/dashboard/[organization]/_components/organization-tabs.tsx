import Link from "next/link";
import { RefreshIcon } from "@/components/icons";
import { refreshOrganization } from "../_sections/refresh";
import { tabsOf, viewSearch, type View } from "../_sections/section";
import { SECTIONS } from "../_sections/sections";

/**
 * The organization's sections (the overview, then every section with a tab),
 * and Refresh, which reads what this page shows from Polar again instead of
 * from the cache. Each page passes its own path ("" for the overview) and view,
 * so no client code is needed.
 */
export function OrganizationTabs({ slug, path, view }: { slug: string; path: string; view: View }) {
  const tabs = [{ segment: "", title: "Overview" }, ...tabsOf(SECTIONS)];
  return (
    <div className="flex items-end gap-2 border-b border-zinc-200 dark:border-zinc-800">
      <nav
        aria-label="Organization sections"
        className="-mx-4 -mb-px min-w-0 flex-1 overflow-x-auto px-4 sm:mx-0 sm:px-0"
      >
        <ul className="flex min-w-max gap-1">
          {tabs.map((tab) => (
            <li key={tab.segment}>
              <Link
                href={`/dashboard/${slug}${tab.segment && `/${tab.segment}`}`}
                aria-current={tab.segment === path ? "page" : undefined}
                className="tab"
              >
                {tab.title}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form action={refreshOrganization} className="pb-1.5">
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="path" value={path} />
        <input type="hidden" name="search" value={viewSearch(view)} />
        <button
          type="submit"
          className="button-secondary button-small"
          title="Read this page from Polar again"
        >
          <RefreshIcon /> Refresh
        </button>
      </form>
    </div>
  );
}
