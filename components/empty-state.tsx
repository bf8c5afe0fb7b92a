/** A panel with nothing to list yet, and what would fill it. */
export function EmptyState({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="rounded-xl border border-dashed border-zinc-300 px-4 py-8 text-center dark:border-zinc-700">
      <p className="font-medium wrap-break-word">{title}</p>
      {children && <div className="muted mx-auto mt-1 max-w-sm text-sm">{children}</div>}
    </div>
  );
}
