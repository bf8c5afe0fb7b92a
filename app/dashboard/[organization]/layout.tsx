import { notFound } from "next/navigation";
import { PolarButton } from "@/components/buttons";
import { pickOrganizationAtPolar } from "@/lib/auth/actions";
import { currentUser } from "@/lib/auth/current-user";
import { organizationAccess } from "@/lib/dashboard/organization-access";
import { listConnections } from "@/lib/grants/connections";
import { OrganizationHeader } from "./_components/organization-header";

export default async function OrganizationLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ organization: string }>;
}) {
  const [{ organization: slug }, user] = await Promise.all([params, currentUser()]);
  const [access, connections] = await Promise.all([organizationAccess(slug), listConnections(user.id)]);
  const connection = connections.find((c) => c.organizationSlug === slug);
  if (!connection || (!access.ok && access.problem.kind === "not-connected")) notFound();

  if (!access.ok) {
    const name = connection.organizationName;
    const lost = access.problem.kind === "reconnect" && access.problem.reason === "answer_lost";
    return (
      <div className="mx-auto max-w-lg rounded-2xl border border-amber-300 bg-amber-50 p-6 dark:border-amber-500/30 dark:bg-amber-400/10">
        <h1 className="text-lg font-semibold">Reconnect {name}</h1>
        <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">
          {lost
            ? `Polar renewed this app's access to ${name} during a token refresh, but its answer never reached the app, so the renewed access was lost.`
            : `Polar no longer accepts this app's access to ${name} (it was revoked or expired).`}{" "}
          Your other organizations and settings are untouched.
        </p>
        <form action={pickOrganizationAtPolar} className="mt-4">
          <PolarButton>Reconnect organization</PolarButton>
        </form>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <OrganizationHeader connection={access.connection} connections={connections} />
      {children}
    </div>
  );
}
