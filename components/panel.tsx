import Link from "next/link";
import { ChevronRightIcon } from "./icons";

/** A titled card on the dashboard; `action` links to the full list. */
export function Panel({
  id,
  title,
  description,
  action,
  children,
  className = "",
}: {
  id: string;
  title: string;
  description?: string;
  /** Shown at the header's end: a ViewAllLink, a period picker… */
  action?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <section aria-labelledby={`${id}-title`} className={`panel ${className}`}>
      <header className="panel-header">
        <div className="min-w-0">
          <h2 id={`${id}-title`} className="text-base font-semibold">
            {title}
          </h2>
          {description && <p className="muted mt-0.5 text-sm">{description}</p>}
        </div>
        {action}
      </header>
      <div className="flex-1 px-5 pb-5">{children}</div>
    </section>
  );
}

export function ViewAllLink({ href, label }: { href: string; label: string }) {
  return (
    <Link href={href} aria-label={label} className="view-all">
      View all
      <ChevronRightIcon />
    </Link>
  );
}
