import { Suspense } from "react";
import { DisconnectButton } from "@/components/disconnect-button";
import { PolarLink } from "@/components/external-link";
import { OrganizationAvatar } from "@/components/organization-avatar";
import { detailsLoader } from "@/lib/dashboard/organization";
import type { Connection } from "@/lib/dashboard/connections";
import { OrganizationSwitcher } from "./organization-switcher";

function Identity({
  name,
  slug,
  avatarUrl,
  website,
}: {
  name: string;
  slug: string;
  avatarUrl: string | null;
  website?: string | null;
}) {
  return (
    <div className="flex min-w-0 items-center gap-4">
      <OrganizationAvatar name={name} avatarUrl={avatarUrl} size="size-12 sm:size-14 text-base" />
      <div className="min-w-0">
        <h1 className="truncate text-xl font-semibold tracking-tight sm:text-2xl">{name}</h1>
        <p className="muted truncate text-sm">
          <span className="font-mono">{slug}</span>
          {website && (
            <>
              {" · "}
              <a href={website} target="_blank" rel="noreferrer" className="hover:underline">
                {new URL(website).host}
              </a>
            </>
          )}
        </p>
      </div>
    </div>
  );
}

/** The organization as Polar has it now; until it arrives (or if it fails), as stored at connect time. */
async function LiveIdentity({ connection }: { connection: Connection }) {
  const result = await detailsLoader.read(connection.organizationSlug, {});
  if (!result.ok) return <StoredIdentity connection={connection} />;
  const organization = result.data;
  return (
    <Identity
      name={organization.name}
      slug={organization.slug}
      avatarUrl={organization.avatarUrl}
      website={organization.website}
    />
  );
}

function StoredIdentity({ connection }: { connection: Connection }) {
  return (
    <Identity
      name={connection.organizationName}
      slug={connection.organizationSlug}
      avatarUrl={connection.avatarUrl}
    />
  );
}

export function OrganizationHeader({
  connection,
  connections,
}: {
  connection: Connection;
  connections: Connection[];
}) {
  return (
    <div className="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
      <Suspense fallback={<StoredIdentity connection={connection} />}>
        <LiveIdentity connection={connection} />
      </Suspense>
      <div className="flex flex-wrap items-center gap-2">
        <OrganizationSwitcher current={connection.organizationSlug} connections={connections} />
        <PolarLink slug={connection.organizationSlug} label={`Open ${connection.organizationName} in Polar`}>
          Open in Polar
        </PolarLink>
        <DisconnectButton organizationId={connection.organizationId} name={connection.organizationName} />
      </div>
    </div>
  );
}
