"use client";

import { StatusBadge } from "@/components/status-badge";
import { ExternalIcon } from "@/components/icons";

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
        {cell.detail && <p className="truncate text-zinc-600 dark:text-zinc-400">{cell.detail}</p>}
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
  const cellClass = (column: Column, index: number) =>
    `px-2 first:pl-5 last:pr-5 ${index === 0 ? "w-full max-w-0" : "whitespace-nowrap"} ${column.align === "right" ? "text-right tabular-nums" : ""} ${column.className ?? ""}`;
  return (
    <div className="@container -mx-5">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-xs text-zinc-600 dark:text-zinc-400">
          <tr className="border-b border-zinc-200 dark:border-zinc-800">
            {columns.map((column, i) => (
              <th key={column.header} scope="col" className={`py-2 font-medium ${cellClass(column, i)}`}>
                {column.header}
              </th>
            ))}
            <th scope="col" className="pr-5">
              <span className="sr-only">Open in Polar</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
          {rows.map((row) => (
            <tr key={row.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
              {row.cells.map((cell, i) => (
                <td key={columns[i]?.header ?? i} className={`py-3 align-middle ${cellClass(columns[i] ?? { header: "" }, i)}`}>
                  <CellContent cell={cell} />
                </td>
              ))}
              <td className="py-3 pr-5 align-middle">
                {row.polar && (
                  <a href={row.polar.href} target="_blank" rel="noreferrer" aria-label={row.polar.label} title={row.polar.label} className="polar-link">
                    <ExternalIcon />
                  </a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
