import { Suspense } from "react";
import type { SearchParams } from "@/lib/search-params";
import { GettingStarted } from "./_components/getting-started";
import { OrganizationTabs } from "./_components/organization-tabs";
import { viewOf } from "./_sections/section";
import { SECTIONS } from "./_sections/sections";

export const metadata = { title: "Overview" };

// Every section's panel streams on its own: the page itself awaits no Polar
// call, so all of them start at once and the slowest one alone sets the full
// render time.
export default async function OverviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ organization: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const [{ organization: slug }, search] = await Promise.all([params, searchParams]);
  const view = viewOf("", search);
  return (
    <div className="space-y-6">
      <OrganizationTabs slug={slug} path="" view={view} />
      <Suspense fallback={null}>
        <GettingStarted slug={slug} />
      </Suspense>
      <div className="grid gap-6 lg:grid-cols-2">
        {SECTIONS.map(({ segment, Panel }) => (
          <Panel key={segment} slug={slug} view={view} />
        ))}
      </div>
    </div>
  );
}
