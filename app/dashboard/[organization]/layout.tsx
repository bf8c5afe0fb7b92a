import { notFound } from "next/navigation";
import { organizationAccess } from "@/lib/dashboard/organization-access";
import { connectedOrganizations } from "@/lib/dashboard/connections";
import { AccessProblem } from "./_components/access-problem";
import { OrganizationHeader } from "./_components/organization-header";

export default async function OrganizationLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ organization: string }>;
}) {
  const { organization: slug } = await params;
  const [access, connections] = await Promise.all([organizationAccess(slug), connectedOrganizations()]);
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
