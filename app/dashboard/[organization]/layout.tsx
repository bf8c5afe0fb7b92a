import { notFound } from "next/navigation";
import { currentUser } from "@/lib/auth/current-user";
import { organizationAccess } from "@/lib/dashboard/organization-access";
import { listConnections } from "@/lib/grants/connections";
import { AccessProblem } from "./_components/access-problem";
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

  if (!access.ok) return <AccessProblem connection={connection} problem={access.problem} />;

  return (
    <div className="space-y-6">
      <OrganizationHeader connection={access.connection} connections={connections} />
      {children}
    </div>
  );
}
