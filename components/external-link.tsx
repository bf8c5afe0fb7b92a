import { polarDashboardUrl } from "@/lib/polar/dashboard-links";

/**
 * Opens a page of the organization in Polar's dashboard (`path` like `/products/<id>`);
 * `label` is the accessible name when only the icon shows.
 */
export function PolarLink({
  slug,
  path,
  label,
  children,
}: {
  slug: string;
  path?: string;
  label: string;
  children?: React.ReactNode;
}) {
  return (
    <a
      href={polarDashboardUrl(slug, path)}
      target="_blank"
      rel="noreferrer"
      aria-label={children ? undefined : label}
      title={label}
      className="polar-link"
    >
      {children}
    </a>
  );
}
