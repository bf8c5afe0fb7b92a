import Link from "next/link";
import { refreshOrganization } from "@/lib/dashboard/actions";
import { RefreshIcon } from "@/components/icons";

const TABS = [
  { key: "overview", label: "Overview", path: "" },
  { key: "products", label: "Products", path: "/products" },
  { key: "orders", label: "Orders", path: "/orders" },
  { key: "customers", label: "Customers", path: "/customers" },
  { key: "subscriptions", label: "Subscriptions", path: "/subscriptions" },
] as const;

export type OrganizationTab = (typeof TABS)[number]["key"];

/**
 * The organization's sections, and Refresh, which reads what this page shows
 * from Polar again instead of from the cache. Each page passes its own tab and
 * search (its query string, without "?"), so no client code is needed.
 */
export function OrganizationTabs({
  slug,
  current,
  search = "",
}: {
  slug: string;
  current: OrganizationTab;
  search?: string;
}) {
  const path = TABS.find((tab) => tab.key === current)?.path ?? "";
  return (
    <div className="flex items-end gap-2 border-b border-zinc-200 dark:border-zinc-800">
      <nav
        aria-label="Organization sections"
        className="-mx-4 -mb-px min-w-0 flex-1 overflow-x-auto px-4 sm:mx-0 sm:px-0"
      >
        <ul className="flex min-w-max gap-1">
          {TABS.map((tab) => (
            <li key={tab.key}>
              <Link
                href={`/dashboard/${slug}${tab.path}`}
                aria-current={tab.key === current ? "page" : undefined}
                className="tab"
              >
                {tab.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form action={refreshOrganization} className="pb-1.5">
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="path" value={path} />
        <input type="hidden" name="search" value={search} />
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
