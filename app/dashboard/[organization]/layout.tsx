import { notFound } from "next/navigation";
import { PolarButton } from "@/components/buttons";
import { OrganizationHeader } from "@/components/organization/organization-header";
import { connectOrganization } from "@/lib/auth/actions";
import { listConnections, reconnectReason } from "@/lib/grants/connections";
import { organizationAccess } from "@/lib/polar/organization";
import { currentUser } from "@/lib/auth/current-user";

export default async function OrganizationLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ organization: string }>;
}) {
  const [{ organization: slug }, user] = await Promise.all([params, currentUser()]);
  const [access, connections] = await Promise.all([organizationAccess(user.id, slug), listConnections(user.id)]);
  if (!access) notFound();

  if (access.status === "reconnect") {
    const { organizationName } = access.connection;
    const reason = await reconnectReason(access.connection.id);
    return (
      <div className="mx-auto max-w-lg rounded-2xl border border-amber-300 bg-amber-50 p-6 dark:border-amber-500/30 dark:bg-amber-400/10">
        <h1 className="text-lg font-semibold">Reconnect {organizationName}</h1>
        <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">
          {reason === "answer_lost"
            ? `Polar renewed this app's access to ${organizationName} during a token refresh, but its answer never reached the app, so the renewed access was lost.`
            : `Polar no longer accepts this app's access to ${organizationName} (it was revoked or expired).`}{" "}
          Your other organizations and settings are untouched.
        </p>
        <form action={connectOrganization} className="mt-4">
          <PolarButton>Reconnect organization</PolarButton>
        </form>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <OrganizationHeader userId={user.id} connection={access.connection} connections={connections} />
      {children}
    </div>
  );
}
