import { humanize } from "@/lib/format";

const tones: Record<string, string> = {
  green: "bg-emerald-50 text-emerald-800 ring-emerald-600/20 dark:bg-emerald-400/10 dark:text-emerald-300 dark:ring-emerald-400/20",
  amber: "bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-400/10 dark:text-amber-300 dark:ring-amber-400/20",
  red: "bg-red-50 text-red-800 ring-red-600/20 dark:bg-red-400/10 dark:text-red-300 dark:ring-red-400/20",
  blue: "bg-polar-50 text-polar-700 ring-polar-600/20 dark:bg-polar-400/10 dark:text-polar-100 dark:ring-polar-400/20",
  zinc: "bg-zinc-100 text-zinc-700 ring-zinc-500/20 dark:bg-zinc-400/10 dark:text-zinc-300 dark:ring-zinc-400/20",
};

const toneOf: Record<string, keyof typeof tones> = {
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
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${tones[toneOf[status] ?? "zinc"]}`}
    >
      {label ?? humanize(status)}
    </span>
  );
}
