import { EmptyState } from "@/components/empty-state";
import { customersLoader } from "@/lib/dashboard/customers";
import { pageWithinList } from "@/lib/dashboard/list-page";
import { formatDate } from "@/lib/format";
import { ListResult } from "./list-result";
import { paging, polarLinks, type ListProps } from "./list-props";
import { RowsTable } from "./rows-table";

/** The organization's customers: a page of them, or the newest few on the overview. */
export async function Customers(props: ListProps) {
  const { slug, page, limit, query } = props;
  const { result, page: shown } = await pageWithinList(
    (p) => customersLoader.read(slug, { page: p, limit, query }),
    page,
  );
  const link = polarLinks(slug);
  const empty = query ? (
    <EmptyState title={`No customers match “${query}”`}>Try a shorter or different search.</EmptyState>
  ) : (
    <EmptyState title="No customers yet" roleLimited>
      Everyone who checks out becomes a customer.
    </EmptyState>
  );
  return (
    <ListResult
      result={result}
      subject="customers"
      retryHref={props.retryHref}
      pagination={paging(props, "customers", shown)}
      empty={empty}
    >
      {(customers) => (
        <RowsTable
          caption="Customers"
          columns={[
            { header: "Customer" },
            { header: "Country", className: "hidden @2xl:table-cell" },
            { header: "Since", className: "hidden @md:table-cell muted", align: "right" },
          ]}
          rows={customers.map((c) => ({
            id: c.id,
            cells: [
              { title: c.name ?? c.email ?? "—", detail: c.email },
              c.country ?? "—",
              formatDate(c.createdAt),
            ],
            polar: link(`/customers/${c.id}`, `Open ${c.name ?? c.email ?? "this customer"} in Polar`),
          }))}
        />
      )}
    </ListResult>
  );
}
