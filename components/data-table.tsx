export interface Column<Row> {
  header: string;
  cell: (row: Row) => React.ReactNode;
  /** Container-width classes, e.g. "hidden @md:table-cell" to show a column only where the panel is wide enough. */
  className?: string;
  align?: "right";
  /** The header is for screen readers only (e.g. an icon column). */
  hideHeader?: boolean;
}

/**
 * A list of Polar objects as a semantic table. Columns appear by the width of
 * the panel it sits in (container queries), so the same table fits a half-width
 * overview panel, a full list page and a phone. The first column takes the
 * remaining width and truncates.
 */
export function DataTable<Row extends { id: string }>({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
}) {
  const cellClass = (column: Column<Row>, index: number) =>
    [
      "px-2 first:pl-5 last:pr-5",
      index === 0 ? "w-full max-w-0" : "whitespace-nowrap",
      column.align === "right" ? "text-right tabular-nums" : "",
      column.className ?? "",
    ].join(" ");
  return (
    <div className="@container -mx-5">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-xs text-zinc-600 dark:text-zinc-400">
          <tr className="border-b border-zinc-200 dark:border-zinc-800">
            {columns.map((column, i) => (
              <th key={column.header} scope="col" className={`py-2 font-medium ${cellClass(column, i)}`}>
                <span className={column.hideHeader ? "sr-only" : undefined}>{column.header}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
          {rows.map((row) => (
            <tr key={row.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
              {columns.map((column, i) => (
                <td key={column.header} className={`py-3 align-middle ${cellClass(column, i)}`}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A first-column cell: the object's name and one detail under it. */
export function TwoLineCell({ title, detail }: { title: React.ReactNode; detail?: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <p className="truncate font-medium">{title}</p>
      {detail && <p className="truncate text-zinc-600 dark:text-zinc-400">{detail}</p>}
    </div>
  );
}
