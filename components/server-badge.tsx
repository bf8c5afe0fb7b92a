import { polarServer } from "@/lib/polar/server";

const styles = {
  local: "bg-amber-100 text-amber-800 ring-amber-600/20 dark:bg-amber-400/10 dark:text-amber-300",
  sandbox: "bg-violet-100 text-violet-800 ring-violet-600/20 dark:bg-violet-400/10 dark:text-violet-300",
  production:
    "bg-emerald-100 text-emerald-800 ring-emerald-600/20 dark:bg-emerald-400/10 dark:text-emerald-300",
} as const;

const labels = { local: "Emulator", sandbox: "Sandbox", production: "Production" } as const;

export function ServerBadge() {
  const server = polarServer.server;
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${styles[server]}`}
      title={`Polar server: ${polarServer.issuer}`}
    >
      {labels[server]}
    </span>
  );
}
