import Link from "next/link";
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import { PolarButton } from "@/components/buttons";
import { OrganizationAvatar } from "@/components/organization-avatar";
import { connectOrganization, disconnectOrganization } from "@/lib/auth/actions";
import { listConnections } from "@/lib/auth/connections";

export const metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const session = await auth();
  if (!session?.user?.id) redirect("/");
  const connections = await listConnections(session.user.id);

  return (
    <div className="space-y-8">
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">Welcome, {session.user.name ?? "there"}</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{session.user.email}</p>
      </section>

      <section className="rounded-2xl border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900">
        <div className="flex flex-wrap items-center justify-between gap-4">
          <div>
            <h2 className="text-lg font-semibold">Organizations</h2>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Connect a Polar organization to see its data. Each connection has its own token.
            </p>
          </div>
          <form action={connectOrganization}>
            <PolarButton>Connect an organization</PolarButton>
          </form>
        </div>
        {connections.length > 0 ? (
          <ul className="mt-6 divide-y divide-zinc-200 dark:divide-zinc-800">
            {connections.map((c) => (
              <li key={c.id} className="flex items-center justify-between gap-3">
                <Link
                  href={`/dashboard/${c.organizationSlug}`}
                  className="flex flex-1 items-center gap-3 rounded-lg px-2 py-3 hover:bg-zinc-50 dark:hover:bg-zinc-800/60"
                >
                  <OrganizationAvatar name={c.organizationName} />
                  <span>
                    <span className="block font-medium">{c.organizationName}</span>
                    <span className="block text-sm text-zinc-500">{c.organizationSlug}</span>
                  </span>
                </Link>
                <form action={disconnectOrganization}>
                  <input type="hidden" name="organizationId" value={c.organizationId} />
                  <button
                    type="submit"
                    aria-label={`Disconnect ${c.organizationName}`}
                    className="cursor-pointer rounded-md px-3 py-1.5 text-sm font-medium text-zinc-600 hover:bg-red-50 hover:text-red-700 dark:text-zinc-400 dark:hover:bg-red-500/10 dark:hover:text-red-300"
                  >
                    Disconnect
                  </button>
                </form>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-6 rounded-lg border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-500 dark:border-zinc-700">
            No organization connected yet.
          </p>
        )}
      </section>
    </div>
  );
}
