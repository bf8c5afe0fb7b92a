import Link from "next/link";
import { signOutOfApp } from "@/lib/auth/actions";
import { PolarMark } from "./polar-mark";
import { ServerBadge } from "./server-badge";

export function AppHeader({ displayName }: { displayName: string }) {
  return (
    <header className="border-b border-zinc-200 bg-white/80 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/80">
      <div className="mx-auto flex h-14 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
        <div className="flex items-center gap-3">
          <Link href="/dashboard" className="flex items-center gap-2 font-semibold">
            <PolarMark className="size-6 text-polar-600 dark:text-polar-400" />
            <span>Polar Starter</span>
          </Link>
          <ServerBadge />
        </div>
        <div className="flex items-center gap-3 text-sm">
          <span className="hidden text-zinc-600 sm:inline dark:text-zinc-400">{displayName}</span>
          <form action={signOutOfApp}>
            <button type="submit" className="button-secondary button-small">
              Sign out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
