import { PolarMark } from "./polar-mark";

/** The centred card the sign-in, error and not-found pages share. */
export function StatusCard({
  eyebrow,
  title,
  children,
  actions,
}: {
  eyebrow: string;
  title: string;
  children: React.ReactNode;
  actions: React.ReactNode;
}) {
  return (
    <main className="flex min-h-dvh items-center justify-center bg-[radial-gradient(ellipse_at_top,var(--color-polar-100),transparent_60%)] px-4 dark:bg-[radial-gradient(ellipse_at_top,#0b1a3a,transparent_60%)]">
      <div className="w-full max-w-md rounded-2xl border border-zinc-200 bg-white p-8 shadow-xl shadow-zinc-900/5 dark:border-zinc-800 dark:bg-zinc-900">
        <PolarMark className="size-10 text-polar-600 dark:text-polar-400" />
        <p className="mt-6 text-xs font-semibold tracking-wide text-polar-600 uppercase dark:text-polar-400">{eyebrow}</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">{title}</h1>
        <div className="mt-3 space-y-3 text-sm muted">{children}</div>
        <div className="mt-8 flex flex-wrap gap-3">{actions}</div>
      </div>
    </main>
  );
}

const action = "inline-flex items-center justify-center rounded-lg px-4 py-2.5 text-sm font-semibold transition-colors";
export const primaryAction = `${action} bg-polar-600 text-white shadow-sm hover:bg-polar-700 cursor-pointer`;
export const secondaryAction = `${action} ring-1 ring-zinc-300 hover:bg-zinc-50 dark:ring-zinc-700 dark:hover:bg-zinc-800`;
