export function OrganizationAvatar({ name, size = "size-10" }: { name: string; size?: string }) {
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
