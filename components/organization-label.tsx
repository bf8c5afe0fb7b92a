import { OrganizationAvatar } from "./organization-avatar";

/** Avatar, name and slug of an organization, inline so it can sit inside a link. */
export function OrganizationLabel({
  name,
  slug,
  avatarUrl,
  avatarSize = "size-9",
}: {
  name: string;
  slug: string;
  avatarUrl: string | null;
  avatarSize?: string;
}) {
  return (
    <span className="flex min-w-0 items-center gap-3">
      <OrganizationAvatar name={name} avatarUrl={avatarUrl} size={avatarSize} />
      <span className="min-w-0">
        <span className="block truncate font-medium">{name}</span>
        <span className="muted block truncate font-mono text-xs">{slug}</span>
      </span>
    </span>
  );
}
