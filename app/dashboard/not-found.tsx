import Link from "next/link";

// Above [organization], so it also covers notFound() from that segment's layout.
export default function DashboardNotFound() {
  return (
    <div className="mx-auto max-w-lg rounded-2xl border border-zinc-200 bg-white p-8 text-center dark:border-zinc-800 dark:bg-zinc-900">
      <h1 className="text-lg font-semibold">Organization not found</h1>
      <p className="mt-2 text-sm muted">
        No organization with this address is connected to your account. Connect it from your dashboard first.
      </p>
      <Link
        href="/dashboard"
        className="mt-6 inline-flex rounded-lg bg-polar-600 px-4 py-2.5 text-sm font-semibold text-white hover:bg-polar-700"
      >
        Back to your organizations
      </Link>
    </div>
  );
}
