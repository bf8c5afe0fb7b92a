import { humanize } from "@/lib/format";

/** The pill colour of each status (globals.css .badge-<tone>); unknown ones are zinc. */
const toneOf: Record<string, "green" | "amber" | "red" | "blue" | "zinc"> = {
  active: "green",
  paid: "green",
  trialing: "blue",
  pending: "amber",
  past_due: "amber",
  incomplete: "amber",
  unpaid: "red",
  refunded: "zinc",
  partially_refunded: "zinc",
  canceled: "zinc",
  incomplete_expired: "zinc",
  paused: "zinc",
  void: "zinc",
  draft: "zinc",
};

/** A Polar order or subscription status as a coloured pill. */
export function StatusBadge({ status, label }: { status: string; label?: string }) {
  return <span className={`badge badge-${toneOf[status] ?? "zinc"}`}>{label ?? humanize(status)}</span>;
}
