import Link from "next/link";
import { pickOrganizationAtPolar } from "@/lib/auth/actions";
import { EmptyState } from "@/components/empty-state";
import { CheckIcon } from "@/components/icons";
import { OrganizationLabel } from "@/components/organization-label";
import { PolarProblemNotice } from "@/components/polar-problem";
import { ReadTime } from "@/components/read-time";
import { readUserOrganizations, signedInWithChosenOrganizations } from "@/lib/dashboard/user-organizations";

/**
 * The organizations the person belongs to at Polar (read with their sign-in
 * token), each either open (connected) or one click from Polar's picker.
 */
export async function PolarOrganizations({ connectedSlugs }: { connectedSlugs: Set<string> }) {
  const [result, chosenOnly] = await Promise.all([
    readUserOrganizations(),
    signedInWithChosenOrganizations(),
  ]);
  if (!result.ok) {
    if (result.problem.kind === "reconnect") {
      return (
        <p className="rounded-xl bg-zinc-50 p-4 text-sm text-zinc-700 dark:bg-zinc-800/60 dark:text-zinc-300">
          Your Polar sign-in has ended, so your organizations can’t be listed. Sign out and sign in again to
          see them.
        </p>
      );
    }
    return (
      <PolarProblemNotice problem={result.problem} subject="your organizations" retryHref="/dashboard" />
    );
  }
  const organizations = result.data;
  if (organizations.length === 0) {
    return (
      <EmptyState title="You’re not in any Polar organization yet">
        Create one in Polar, then connect it here.
      </EmptyState>
    );
  }
  return (
    <>
      <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {organizations.map((organization) => {
          const connected = connectedSlugs.has(organization.slug);
          return (
            <li key={organization.id} className="flex items-center justify-between gap-3 py-3">
              <OrganizationLabel
                name={organization.name}
                slug={organization.slug}
                avatarUrl={organization.avatarUrl}
              />
              {connected ? (
                <Link
                  href={`/dashboard/${organization.slug}`}
                  className="inline-flex shrink-0 items-center gap-1 rounded-lg px-3 py-1.5 text-sm font-medium text-emerald-700 ring-1 ring-emerald-600/30 hover:bg-emerald-50 dark:text-emerald-300 dark:ring-emerald-400/30 dark:hover:bg-emerald-400/10"
                >
                  <CheckIcon /> Connected<span className="sr-only">: open {organization.name}</span>
                </Link>
              ) : (
                <form action={pickOrganizationAtPolar}>
                  <button
                    type="submit"
                    aria-label={`Connect ${organization.name}`}
                    className="button-secondary button-small shrink-0"
                  >
                    Connect
                  </button>
                </form>
              )}
            </li>
          );
        })}
      </ul>
      {chosenOnly && (
        <p
          data-chosen-organizations
          className="mt-3 rounded-xl bg-zinc-50 p-3 text-sm text-zinc-700 dark:bg-zinc-800/60 dark:text-zinc-300"
        >
          When you signed in you shared only some of your organizations with this app, so only those are
          listed here. To list the others, sign out and sign in again, choosing “All organizations” on Polar’s
          page. Connecting an organization works for any of them.
        </p>
      )}
      <ReadTime readAt={result.readAt} stale={result.stale} updating={result.updating} />
    </>
  );
}
