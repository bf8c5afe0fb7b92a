import type { models } from "@polar-sh/sdk/2026-10";
import { formatDate } from "@/lib/format";
import { DataTable, TwoLineCell } from "../data-table";
import { PolarLink } from "../external-link";

export function CustomersTable({ customers, slug }: { customers: models.Customer[]; slug: string }) {
  return (
    <DataTable
      caption="Customers"
      rows={customers}
      columns={[
        {
          header: "Customer",
          cell: (c) => <TwoLineCell title={c.name ?? c.email} detail={c.email} />,
        },
        { header: "Country", className: "hidden @2xl:table-cell", cell: (c) => c.billing_address?.country ?? "—" },
        { header: "Since", className: "hidden @md:table-cell text-zinc-600 dark:text-zinc-400", align: "right", cell: (c) => formatDate(c.created_at) },
        {
          header: "Open in Polar",
          hideHeader: true,
          cell: (c) => <PolarLink slug={slug} path={`/customers/${c.id}`} label={`Open ${c.name ?? c.email} in Polar`} />,
        },
      ]}
    />
  );
}
