import { notFound } from "next/navigation";
import { PolarButton } from "@/components/buttons";
import { MessageCard } from "@/components/message-card";
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
      <MessageCard
        tone="warning"
        eyebrow="Access ended"
        title={`Reconnect ${name}`}
        actions={
          <form action={pickOrganizationAtPolar}>
            <PolarButton>Reconnect organization</PolarButton>
          </form>
        }
      >
        <p>
          {lost
            ? `Polar renewed this app's access to ${name} during a token refresh, but its answer never reached the app, so the renewed access was lost.`
            : `Polar no longer accepts this app's access to ${name} (it was revoked or expired).`}{" "}
          Your other organizations and settings are untouched.
        </p>
      </MessageCard>
    );
  }

  return (
    <div className="space-y-6">
      <OrganizationHeader connection={access.connection} connections={connections} />
      {children}
    </div>
  );
}
