import { ExternalIcon } from "./icons";

/** Opens a page of Polar's dashboard; `label` is the accessible name when only the icon shows. */
export function PolarLink({ href, label, children }: { href: string; label: string; children?: React.ReactNode }) {
  return (
    <a
      href={href}
      target="_blank"
      rel="noreferrer"
      aria-label={children ? undefined : label}
      title={label}
      className="inline-flex items-center gap-1 rounded-md p-1 text-sm font-medium text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-white"
    >
      {children}
      <ExternalIcon />
    </a>
  );
}
