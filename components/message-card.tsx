import { PolarMark } from "./polar-mark";

/**
 * The card of every full-page message: sign-in, errors, not found, reconnect.
 * `page` centres it on a page of its own; without it, it sits in the dashboard's
 * frame. `tone` colours the eyebrow for a warning or an error.
 */
export function MessageCard({
  eyebrow,
  title,
  children,
  actions,
  page = false,
  tone = "info",
  role,
  badge,
  problem,
}: {
  eyebrow: string;
  title: string;
  children: React.ReactNode;
  actions: React.ReactNode;
  page?: boolean;
  tone?: "info" | "warning" | "error";
  role?: "alert";
  /** Shown opposite the Polar mark, e.g. which Polar server the app uses. */
  badge?: React.ReactNode;
  /** The PolarProblem kind the card stands for, as `data-problem` (like a panel's notice). */
  problem?: string;
}) {
  const eyebrowTone = {
    info: "text-polar-600 dark:text-polar-400",
    warning: "text-amber-700 dark:text-amber-300",
    error: "text-red-700 dark:text-red-300",
  }[tone];
  const card = (
    <div
      role={role}
      data-problem={problem}
      className="w-full max-w-md rounded-2xl border border-zinc-200 bg-white p-8 shadow-xl shadow-zinc-900/5 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex items-center justify-between">
        <PolarMark className="size-10 text-polar-600 dark:text-polar-400" />
        {badge}
      </div>
      <p className={`mt-6 text-xs font-semibold tracking-wide uppercase ${eyebrowTone}`}>{eyebrow}</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight">{title}</h1>
      <div className="muted mt-3 space-y-3 text-sm">{children}</div>
      <div className="mt-8 flex flex-wrap gap-3">{actions}</div>
    </div>
  );
  if (!page) return <div className="flex justify-center py-4 sm:py-8">{card}</div>;
  return (
    <main className="flex min-h-dvh items-center justify-center bg-[radial-gradient(ellipse_at_top,var(--color-polar-100),transparent_60%)] px-4 dark:bg-[radial-gradient(ellipse_at_top,#0b1a3a,transparent_60%)]">
      {card}
    </main>
  );
}
