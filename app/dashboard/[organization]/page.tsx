import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { auth } from "@/auth";
import { OrganizationAvatar } from "@/components/organization-avatar";
import { findConnection } from "@/lib/auth/connections";
import { polarClient } from "@/lib/polar/client";

export default async function OrganizationPage({ params }: { params: Promise<{ organization: string }> }) {
  const [{ organization: slug }, session] = await Promise.all([params, auth()]);
  if (!session?.user?.id) redirect("/");
  const connection = await findConnection(session.user.id, slug);
  if (!connection) notFound();

  const organization = await polarClient(connection.access_token).organizations.get(connection.organizationId);

  return (
    <div className="space-y-6">
      <Link href="/dashboard" className="text-sm text-zinc-500 hover:text-zinc-800 dark:hover:text-zinc-200">
        ← All organizations
      </Link>
      <div className="flex items-center gap-4">
        <OrganizationAvatar name={organization.name} size="size-14" />
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{organization.name}</h1>
          <p className="text-sm text-zinc-500">{organization.slug}</p>
        </div>
      </div>
    </div>
  );
}
