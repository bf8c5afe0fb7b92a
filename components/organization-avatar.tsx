/** The organization's avatar from Polar, or its initials. Decorative: the name is always next to it. */
export function OrganizationAvatar({
  name,
  avatarUrl,
  size = "size-10",
}: {
  name: string;
  avatarUrl?: string | null;
  size?: string;
}) {
  if (avatarUrl) {
    // eslint-disable-next-line @next/next/no-img-element -- any host Polar stores avatars on; no next/image config per host
    return <img src={avatarUrl} alt="" className={`${size} shrink-0 rounded-lg object-cover`} />;
  }
  const initials = name
    .split(/\s+/)
    .map((word) => word[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <span
      aria-hidden="true"
      className={`${size} inline-flex shrink-0 items-center justify-center rounded-lg bg-gradient-to-br from-polar-500 to-indigo-600 text-sm font-semibold text-white`}
    >
      {initials}
    </span>
  );
}
