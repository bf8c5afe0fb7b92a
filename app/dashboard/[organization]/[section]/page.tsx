import { notFound } from "next/navigation";
import type { SearchParams } from "@/lib/search-params";
import { OrganizationTabs } from "../_components/organization-tabs";
import { sectionAt, viewOf } from "../_sections/section";
import { SECTIONS } from "../_sections/sections";

interface SectionRouteProps {
  params: Promise<{ organization: string; section: string }>;
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ params }: SectionRouteProps) {
  return { title: sectionAt(SECTIONS, (await params).section)?.title };
}

/** A section's own page (_sections/sections.tsx): the full list, paginated (`?page=`) and searchable where Polar can. */
export default async function SectionPage({ params, searchParams }: SectionRouteProps) {
  const [{ organization: slug, section: segment }, search] = await Promise.all([params, searchParams]);
  const section = sectionAt(SECTIONS, segment);
  if (!section) notFound();
  const view = viewOf(segment, search);
  return (
    <div className="space-y-6">
      <OrganizationTabs slug={slug} path={segment} view={view} />
      <section.Panel slug={slug} view={view} />
    </div>
  );
}
