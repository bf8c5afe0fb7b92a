import Link from "next/link";

const TABS = [
  { key: "overview", label: "Overview", path: "" },
  { key: "products", label: "Products", path: "/products" },
  { key: "orders", label: "Orders", path: "/orders" },
  { key: "customers", label: "Customers", path: "/customers" },
  { key: "subscriptions", label: "Subscriptions", path: "/subscriptions" },
] as const;

export type OrganizationTab = (typeof TABS)[number]["key"];

/** The organization's sections; each page passes its own tab, so no client code is needed. */
export function OrganizationTabs({ slug, current }: { slug: string; current: OrganizationTab }) {
  return (
    <nav aria-label="Organization sections" className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
      <ul className="flex min-w-max gap-1 border-b border-zinc-200 dark:border-zinc-800">
        {TABS.map((tab) => (
          <li key={tab.key}>
            <Link
              href={`/dashboard/${slug}${tab.path}`}
              aria-current={tab.key === current ? "page" : undefined}
              className="-mb-px inline-block border-b-2 border-transparent px-3 py-2.5 text-sm font-medium text-zinc-600 hover:border-zinc-300 hover:text-zinc-900 aria-[current=page]:border-polar-600 aria-[current=page]:text-zinc-900 dark:text-zinc-400 dark:hover:text-white dark:aria-[current=page]:border-polar-400 dark:aria-[current=page]:text-white"
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
