import { polarDashboardUrl } from "@/lib/polar/dashboard-links";

/**
 * Opens a page of the organization in Polar's dashboard (`path` like `/products/<id>`);
 * `label` is the accessible name when only the icon shows. Polar's web origin comes
 * from its discovery document; while that cannot be read, the link is left out.
 */
export async function PolarLink({
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
  const href = await polarDashboardUrl(slug, path).catch(() => null);
  if (!href) return null;
  return (
    <a
      href={href}
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
