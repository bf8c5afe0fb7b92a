"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { startTransition } from "react";

// Panels catch Polar's errors themselves; this catches what fails before them,
// e.g. an organization's token refresh while Polar is unreachable (it sits above
// [organization] so that segment's layout is covered too).
export default function OrganizationError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-2xl border border-red-200 bg-white p-8 text-center dark:border-red-400/30 dark:bg-zinc-900">
      <h1 className="text-lg font-semibold">This page couldn’t be loaded</h1>
      <p className="mt-2 text-sm muted">
        Polar may be briefly unavailable, or an organization’s connection could not be refreshed. Nothing was changed.
      </p>
      <div className="mt-6 flex justify-center gap-3">
        <button
          type="button"
          onClick={retry}
          className="cursor-pointer rounded-lg bg-polar-600 px-4 py-2.5 text-sm font-semibold text-white hover:bg-polar-700"
        >
          Try again
        </button>
        <Link href="/dashboard" className="rounded-lg px-4 py-2.5 text-sm font-semibold ring-1 ring-zinc-300 hover:bg-zinc-50 dark:ring-zinc-700 dark:hover:bg-zinc-800">
          All organizations
        </Link>
      </div>
    </div>
  );
}
