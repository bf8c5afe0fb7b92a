import { EmptyState } from "@/components/empty-state";
import { PolarLink } from "@/components/external-link";
import { productsLoader } from "@/lib/dashboard/products";
import { pageWithinList } from "@/lib/dashboard/list-page";
import { formatInterval } from "@/lib/format";
import { ListResult } from "./list-result";
import { paging, polarLinks, type ListProps } from "./list-props";
import { RowsTable } from "./rows-table";

/** The organization's products: a page of them, or the first few on the overview. */
export async function Products(props: ListProps) {
  const { slug, page, limit, query } = props;
  const { result, page: shown } = await pageWithinList(
    (p) => productsLoader.read(slug, { page: p, limit, query }),
    page,
  );
  const link = polarLinks(slug);
  const empty = query ? (
    <EmptyState title={`No products match “${query}”`}>Try a shorter or different search.</EmptyState>
  ) : (
    <EmptyState title="No products yet" roleLimited>
      Products are what customers buy: one-time or subscriptions.{" "}
      <PolarLink slug={slug} path="/products/new" label="Create a product in Polar">
        Create one in Polar
      </PolarLink>
    </EmptyState>
  );
  return (
    <ListResult
      result={result}
      subject="products"
      retryHref={props.retryHref}
      pagination={paging(props, "products", shown)}
      empty={empty}
    >
      {(products) => (
        <RowsTable
          caption="Products"
          columns={[
            { header: "Product" },
            { header: "Type", className: "hidden @3xl:table-cell" },
            { header: "Price", align: "right" },
          ]}
          rows={products.map((p) => ({
            id: p.id,
            cells: [
              { title: p.name, detail: p.description },
              {
                status: p.recurring ? "trialing" : "draft",
                label: p.recurring ? "Subscription" : "One-time",
              },
              {
                amount: p.price,
                interval: p.interval ? formatInterval(p.interval.unit, p.interval.count) : undefined,
              },
            ],
            polar: link(`/products/${p.id}`, `Open ${p.name} in Polar`),
          }))}
        />
      )}
    </ListResult>
  );
}
