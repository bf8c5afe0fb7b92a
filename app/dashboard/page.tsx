import Link from "next/link";
import { Suspense } from "react";
import { PolarButton } from "@/components/buttons";
import { DisconnectButton } from "@/components/disconnect-button";
import { EmptyState } from "@/components/empty-state";
import { OrganizationAvatar } from "@/components/organization-avatar";
import { OrganizationLabel } from "@/components/organization-label";
import { Panel } from "@/components/panel";
import { ServerBadge } from "@/components/server-badge";
import { ListSkeleton } from "@/components/skeletons";
import { pickOrganizationAtPolar } from "@/lib/auth/actions";
import { connectedOrganizations } from "@/lib/dashboard/connections";
import { currentUser } from "@/lib/auth/current-user";
import { PolarOrganizations } from "./_components/polar-organizations";

export const metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await currentUser();
  const connections = await connectedOrganizations();

  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <section aria-labelledby="profile-title" className="space-y-6 lg:col-span-1">
        <div className="rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm shadow-zinc-900/[0.03] dark:border-zinc-800 dark:bg-zinc-900">
          <OrganizationAvatar name={user.displayName} size="size-14 text-lg rounded-full" />
          <h1 id="profile-title" className="mt-4 text-xl font-semibold tracking-tight break-words">
            Welcome, {user.displayName}
          </h1>
          {user.email && user.email !== user.displayName && (
            <p className="muted mt-1 truncate text-sm">{user.email}</p>
          )}
          <p className="muted mt-4 flex items-center gap-2 text-xs">
            Signed in with Polar <ServerBadge />
          </p>
        </div>
      </section>

      <div className="space-y-6 lg:col-span-2">
        <Panel
          id="connected"
          title="Connected organizations"
          description="Each connection has its own Polar token, scoped to that organization."
          action={
            <form action={pickOrganizationAtPolar}>
              <PolarButton>Connect an organization</PolarButton>
            </form>
          }
        >
          {connections.length > 0 ? (
            <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {connections.map((c) => (
                <li key={c.id} className="flex items-center justify-between gap-3 py-1">
                  <Link
                    href={`/dashboard/${c.organizationSlug}`}
                    className="-mx-2 flex min-w-0 flex-1 items-center gap-3 rounded-lg px-2 py-2.5 hover:bg-zinc-50 dark:hover:bg-zinc-800/60"
                  >
                    <OrganizationLabel
                      name={c.organizationName}
                      slug={c.organizationSlug}
                      avatarUrl={c.avatarUrl}
                      avatarSize="size-10"
                    />
                    {(c.needsReconnect || c.grantCheck === "denied") && (
                      <span className="ml-auto rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800 dark:bg-amber-400/10 dark:text-amber-300">
                        {c.needsReconnect ? "Needs reconnecting" : "No longer a member"}
                      </span>
                    )}
                  </Link>
                  <DisconnectButton organizationId={c.organizationId} name={c.organizationName} />
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState title="No organization connected yet">
              Connect one to see its revenue, orders, customers and subscriptions. Polar asks which
              organization to share and what this app may read.
            </EmptyState>
          )}
        </Panel>

        <Panel
          id="polar-organizations"
          title="Your organizations on Polar"
          description="Read with your sign-in token."
        >
          <Suspense fallback={<ListSkeleton rows={2} label="your organizations" />}>
            <PolarOrganizations connectedSlugs={new Set(connections.map((c) => c.organizationSlug))} />
          </Suspense>
        </Panel>
      </div>
    </div>
  );
}
