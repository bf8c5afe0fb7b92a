import Link from "next/link";
import { pickOrganizationAtPolar } from "@/lib/auth/actions";
import { ChevronDownIcon, PlusIcon } from "@/components/icons";
import { OrganizationLabel } from "@/components/organization-label";
import type { Connection } from "@/lib/dashboard/connections";

/**
 * The signed-in user's connected organizations as a disclosure menu (<details>:
 * keyboard accessible, no client JavaScript). Keyed by the current slug so it
 * closes after switching.
 */
export function OrganizationSwitcher({
  current,
  connections,
}: {
  current: string;
  connections: Connection[];
}) {
  return (
    <details key={current} className="group relative">
      <summary className="button-secondary button-small list-none [&::-webkit-details-marker]:hidden">
        <span className="sm:hidden">Switch</span>
        <span className="max-sm:hidden">Switch organization</span>
        <ChevronDownIcon className="size-4 transition-transform group-open:rotate-180" />
      </summary>
      <div className="absolute right-0 z-20 mt-2 w-72 max-w-[calc(100vw-2rem)] rounded-xl border border-zinc-200 bg-white p-1.5 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
        <ul>
          {connections.map((c) => (
            <li key={c.id}>
              <Link
                href={`/dashboard/${c.organizationSlug}`}
                aria-current={c.organizationSlug === current ? "page" : undefined}
                className="flex items-center gap-3 rounded-lg px-2.5 py-2 text-sm hover:bg-zinc-100 aria-[current=page]:bg-polar-50 dark:hover:bg-zinc-800 dark:aria-[current=page]:bg-polar-500/10"
              >
                <OrganizationLabel
                  name={c.organizationName}
                  slug={c.organizationSlug}
                  avatarUrl={c.avatarUrl}
                  avatarSize="size-7"
                />
              </Link>
            </li>
          ))}
        </ul>
        <div className="mt-1 border-t border-zinc-200 pt-1 dark:border-zinc-800">
          <form action={pickOrganizationAtPolar}>
            <button
              type="submit"
              className="flex w-full cursor-pointer items-center gap-2 rounded-lg px-2.5 py-2 text-sm font-medium text-polar-700 hover:bg-zinc-100 dark:text-polar-400 dark:hover:bg-zinc-800"
            >
              <PlusIcon /> Connect another organization
            </button>
          </form>
          <Link
            href="/dashboard"
            className="block rounded-lg px-2.5 py-2 text-sm text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
          >
            All organizations
          </Link>
        </div>
      </div>
    </details>
  );
}
