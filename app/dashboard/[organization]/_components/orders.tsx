import { EmptyState } from "@/components/empty-state";
import { ordersLoader } from "@/lib/dashboard/orders";
import { pageWithinList } from "@/lib/dashboard/list-page";
import { formatDate, formatMoney } from "@/lib/format";
import { ListResult } from "./list-result";
import { paging, polarLinks, type ListProps } from "./list-props";
import { RowsTable } from "./rows-table";

const DATE_COLUMN = "hidden @3xl:table-cell muted";

/** The organization's orders: a page of them, or the latest few on the overview. */
export async function Orders(props: ListProps) {
  const { slug, page, limit } = props;
  const { result, page: shown } = await pageWithinList(
    (p) => ordersLoader.read(slug, { page: p, limit, query: "" }),
    page,
  );
  const link = polarLinks(slug);
  return (
    <ListResult
      result={result}
      subject="orders"
      retryHref={props.retryHref}
      pagination={paging(props, "orders", shown)}
      empty={
        <EmptyState title="No orders yet" roleLimited>
          Orders show up here as soon as someone buys through a Polar checkout.
        </EmptyState>
      }
    >
      {(orders) => (
        <RowsTable
          caption="Orders"
          columns={[
            { header: "Customer" },
            { header: "Status", className: "hidden @md:table-cell" },
            { header: "Date", className: DATE_COLUMN },
            { header: "Amount", align: "right" },
          ]}
          rows={orders.map((o) => ({
            id: o.id,
            cells: [
              { title: o.customer, detail: o.product },
              { status: o.status },
              formatDate(o.createdAt),
              formatMoney(o.amount, o.currency),
            ],
            polar: link(`/sales/${o.id}`, `Open order ${o.invoiceNumber ?? o.id} in Polar`),
          }))}
        />
      )}
    </ListResult>
  );
}
