/**
 * A panel with nothing to list yet, and what would fill it. `roleLimited`: what
 * Polar lists depends on the person's role in the organization, which Polar does
 * not tell OAuth apps, so the emptiness may be the role's; it says so, softly.
 */
export function EmptyState({
  title,
  children,
  roleLimited = false,
}: {
  title: string;
  children?: React.ReactNode;
  roleLimited?: boolean;
}) {
  return (
    <div className="rounded-xl border border-dashed border-zinc-300 px-4 py-8 text-center dark:border-zinc-700">
      <p className="font-medium wrap-break-word">{title}</p>
      {children && <div className="muted mx-auto mt-1 max-w-sm text-sm">{children}</div>}
      {roleLimited && (
        <p className="muted mx-auto mt-2 max-w-sm text-xs">
          Or your role in this organization can’t see them: Polar shows each member what their role allows.
        </p>
      )}
    </div>
  );
}
