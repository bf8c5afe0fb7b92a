"use client";

import { StatusBadge } from "@/components/status-badge";

/**
 * One table cell: plain text, a name with one detail under it, a status pill,
 * or an amount with its billing interval. Rows arrive as these few fields, not
 * as markup, so the page's RSC payload carries data only.
 */
export type Cell =
  | string
  | { title: string; detail?: string | null }
  | { status: string; label?: string }
  | { amount: string; interval?: string };

export interface Column {
  header: string;
  /** Container-width classes, e.g. "hidden @md:table-cell" to show a column only where the panel is wide enough. */
  className?: string;
  align?: "right";
}

export interface Row {
  id: string;
  cells: Cell[];
  /** The row's page in Polar's dashboard, and the link's accessible name. */
  polar?: { href: string; label: string };
}

function CellContent({ cell }: { cell: Cell }) {
  if (typeof cell === "string") return cell;
  if ("title" in cell) {
    return (
      <div className="min-w-0">
        <p className="truncate font-medium">{cell.title}</p>
        {cell.detail && <p className="muted truncate">{cell.detail}</p>}
      </div>
    );
  }
  if ("status" in cell) return <StatusBadge status={cell.status} label={cell.label} />;
  return (
    <span>
      {cell.amount}
      {cell.interval && <span className="text-zinc-500 dark:text-zinc-400"> {cell.interval}</span>}
    </span>
  );
}

/**
 * A list of Polar objects as a semantic table. Columns appear by the width of
 * the panel it sits in (container queries), so the same table fits a half-width
 * overview panel, a full list page and a phone. The first column takes the
 * remaining width and truncates; rows with a Polar page end with a link to it.
 */
export function RowsTable({ caption, columns, rows }: { caption: string; columns: Column[]; rows: Row[] }) {
  const cellClass = (column: Column | undefined) =>
    [column?.align === "right" ? "text-right tabular-nums" : "", column?.className]
      .filter(Boolean)
      .join(" ") || undefined;
  return (
    <div className="@container -mx-5">
      <table className="rows-table w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="muted text-xs">
          <tr className="border-b border-zinc-200 dark:border-zinc-800">
            {columns.map((column) => (
              <th key={column.header} scope="col" className={`py-2 font-medium ${cellClass(column) ?? ""}`}>
                {column.header}
              </th>
            ))}
            <th scope="col">
              <span className="sr-only">Open in Polar</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
          {rows.map((row) => (
            <tr key={row.id}>
              {row.cells.map((cell, i) => (
                <td key={columns[i]?.header ?? i} className={cellClass(columns[i])}>
                  <CellContent cell={cell} />
                </td>
              ))}
              <td>
                {row.polar && (
                  <a
                    href={row.polar.href}
                    target="_blank"
                    rel="noreferrer"
                    aria-label={row.polar.label}
                    className="polar-link"
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
