import Link from "next/link";
import { connectOrganization } from "@/lib/auth/actions";
import { userOrganizations } from "@/lib/polar/user-data";
import { EmptyState } from "../empty-state";
import { CheckIcon } from "../icons";
import { OrganizationLabel } from "../organization-label";
import { PolarProblemNotice } from "../polar-problem";

/**
 * The organizations the person belongs to at Polar (read with their sign-in
 * token), each either open (connected) or one click from Polar's picker.
 */
export async function PolarOrganizations({ userId, connectedSlugs }: { userId: string; connectedSlugs: Set<string> }) {
  const result = await userOrganizations(userId);
  if (!result.ok) {
    if (result.problem.kind === "reconnect") {
      return (
        <p className="rounded-xl bg-zinc-50 p-4 text-sm text-zinc-700 dark:bg-zinc-800/60 dark:text-zinc-300">
          Your Polar sign-in has ended, so your organizations can’t be listed. Sign out and sign in again to see them.
        </p>
      );
    }
    return <PolarProblemNotice problem={result.problem} subject="your organizations" retryHref="/dashboard" />;
  }
  const organizations = result.data.items;
  if (organizations.length === 0) {
    return <EmptyState title="You’re not in any Polar organization yet">Create one in Polar, then connect it here.</EmptyState>;
  }
  return (
    <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
      {organizations.map((organization) => {
        const connected = connectedSlugs.has(organization.slug);
        return (
          <li key={organization.id} className="flex items-center justify-between gap-3 py-3">
            <OrganizationLabel name={organization.name} slug={organization.slug} avatarUrl={organization.avatar_url} />
            {connected ? (
              <Link
                href={`/dashboard/${organization.slug}`}
                className="inline-flex shrink-0 items-center gap-1 rounded-lg px-3 py-1.5 text-sm font-medium text-emerald-700 ring-1 ring-emerald-600/30 hover:bg-emerald-50 dark:text-emerald-300 dark:ring-emerald-400/30 dark:hover:bg-emerald-400/10"
              >
                <CheckIcon /> Connected<span className="sr-only">: open {organization.name}</span>
              </Link>
            ) : (
              <form action={connectOrganization}>
                <button
                  type="submit"
                  aria-label={`Connect ${organization.name}`}
                  className="shrink-0 cursor-pointer rounded-lg px-3 py-1.5 text-sm font-medium ring-1 ring-zinc-300 hover:bg-zinc-50 dark:ring-zinc-700 dark:hover:bg-zinc-800"
                >
                  Connect
                </button>
              </form>
            )}
          </li>
        );
      })}
    </ul>
  );
}
