import { EmptyState } from "@/components/empty-state";
import { subscriptionsLoader } from "@/lib/dashboard/subscriptions";
import { pageWithinList } from "@/lib/dashboard/list-page";
import { formatDate, formatInterval, formatMoney } from "@/lib/format";
import { ListResult } from "./list-result";
import { paging, polarLinks, type ListProps } from "./list-props";
import { RowsTable } from "./rows-table";

/** The organization's subscriptions: a page of them, or the latest few on the overview. */
export async function Subscriptions(props: ListProps) {
  const { slug, page, limit } = props;
  const { result, page: shown } = await pageWithinList(
    (p) => subscriptionsLoader.read(slug, { page: p, limit, query: "" }),
    page,
  );
  const link = polarLinks(slug);
  return (
    <ListResult
      result={result}
      subject="subscriptions"
      retryHref={props.retryHref}
      pagination={paging(props, "subscriptions", shown)}
      empty={
        <EmptyState title="No subscriptions yet" roleLimited>
          Subscriptions start when a customer buys a recurring product.
        </EmptyState>
      }
    >
      {(subscriptions) => (
        <RowsTable
          caption="Subscriptions"
          columns={[
            { header: "Customer" },
            { header: "Status", className: "hidden @md:table-cell" },
            { header: "Renews", className: "hidden @3xl:table-cell muted" },
            { header: "Amount", align: "right" },
          ]}
          rows={subscriptions.map((s) => ({
            id: s.id,
            cells: [
              { title: s.customer, detail: s.product },
              { status: s.status, label: s.canceling ? "Canceling" : undefined },
              s.endedAt ? `Ended ${formatDate(s.endedAt)}` : formatDate(s.currentPeriodEnd),
              {
                amount: formatMoney(s.amount, s.currency),
                interval: formatInterval(s.interval.unit, s.interval.count),
              },
            ],
            polar: link(
              `/sales/subscriptions/${s.id}`,
              `Open the subscription of ${s.customerEmail ?? s.customer} in Polar`,
            ),
          }))}
        />
      )}
    </ListResult>
  );
}
