import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { auth } from "@/auth";
import { PolarButton } from "@/components/buttons";
import { OrganizationAvatar } from "@/components/organization-avatar";
import { connectOrganization } from "@/lib/auth/actions";
import { organizationAccess } from "@/lib/polar/organization";

export default async function OrganizationPage({ params }: { params: Promise<{ organization: string }> }) {
  const [{ organization: slug }, session] = await Promise.all([params, auth()]);
  if (!session?.user?.id) redirect("/");
  const access = await organizationAccess(session.user.id, slug);
  if (!access) notFound();

  if (access.status === "reconnect") {
    return (
      <div className="mx-auto max-w-lg rounded-2xl border border-amber-300 bg-amber-50 p-6 dark:border-amber-500/30 dark:bg-amber-400/10">
        <h1 className="text-lg font-semibold">Reconnect {access.connection.organizationName}</h1>
        <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">
          Polar no longer accepts this app&apos;s access to {access.connection.organizationName} (it was revoked
          or expired). Your other organizations and settings are untouched.
        </p>
        <form action={connectOrganization} className="mt-4">
          <PolarButton>Reconnect organization</PolarButton>
        </form>
      </div>
    );
  }

  const organization = await access.polar.organizations.get(access.connection.organizationId);

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
