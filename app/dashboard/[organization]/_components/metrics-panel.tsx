import { Suspense } from "react";
import { Panel } from "@/components/panel";
import { PeriodPicker } from "@/components/period-picker";
import { MetricsSkeleton } from "@/components/skeletons";
import { PERIODS } from "@/lib/polar/periods";
import type { View } from "../_sections/section";
import { Metrics } from "./metrics";

/** The overview's Performance panel: revenue, orders and subscriptions over the period picked. */
export function MetricsPanel({ slug, view }: { slug: string; view: View }) {
  if (view.kind !== "overview") return null;
  return (
    <Panel
      id="metrics"
      title="Performance"
      description={`Last ${PERIODS[view.period].label}`}
      action={<PeriodPicker basePath={`/dashboard/${slug}`} current={view.period} />}
      className="lg:col-span-2"
    >
      <Suspense key={view.period} fallback={<MetricsSkeleton />}>
        <Metrics slug={slug} period={view.period} />
      </Suspense>
    </Panel>
  );
}
