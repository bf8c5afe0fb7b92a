import { redirect } from "next/navigation";
import { auth } from "@/auth";
import { PolarButton } from "@/components/buttons";
import { PolarMark } from "@/components/polar-mark";
import { ServerBadge } from "@/components/server-badge";
import { signInWithPolar } from "@/lib/auth/actions";
import { polarServer } from "@/lib/polar/server";
import { landingSearch, parseSearchParams, type SearchParams } from "@/lib/search-params";

export default async function HomePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const [session, search] = await Promise.all([auth(), searchParams]);
  // callbackUrl: the page that sent here to sign in (proxy.ts), where sign-in leads back.
  const { error, callbackUrl } = parseSearchParams(landingSearch, search);
  if (session?.user) redirect(callbackUrl ?? "/dashboard");

  return (
    <main className="flex min-h-dvh items-center justify-center bg-[radial-gradient(ellipse_at_top,var(--color-polar-100),transparent_60%)] px-4 dark:bg-[radial-gradient(ellipse_at_top,#0b1a3a,transparent_60%)]">
      <div className="w-full max-w-md">
        <div className="rounded-2xl border border-zinc-200 bg-white p-8 shadow-xl shadow-zinc-900/5 dark:border-zinc-800 dark:bg-zinc-900">
          <div className="flex items-center justify-between">
            <PolarMark className="size-10 text-polar-600 dark:text-polar-400" />
            <ServerBadge />
          </div>
          <h1 className="mt-6 text-2xl font-semibold tracking-tight">Sign in to Polar Starter</h1>
          <p className="mt-2 text-sm muted">
            Use your Polar account, then connect an organization to see its products, orders and
            subscriptions.
          </p>
          {error === "SignInFirst" && (
            <p role="alert" className="mt-4 rounded-lg bg-red-50 p-3 text-sm text-red-800 dark:bg-red-500/10 dark:text-red-200">
              Your session ended before the organization was connected. Sign in, then connect it again.
            </p>
          )}
          <form action={signInWithPolar} className="mt-8">
            {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
            <PolarButton>Sign in with Polar</PolarButton>
          </form>
          {polarServer.server === "local" && (
            <p className="mt-6 rounded-lg bg-amber-50 p-3 text-xs text-amber-900 dark:bg-amber-400/10 dark:text-amber-200">
              No Polar credentials are configured, so sign-in goes to the local Polar emulator at{" "}
              <code className="font-mono">{polarServer.issuer}</code>. Set <code className="font-mono">POLAR_CLIENT_ID</code>{" "}
              to use Polar itself.
            </p>
          )}
        </div>
        <p className="mt-6 text-center text-xs muted">
          An open-source Next.js starter for Sign in with Polar.
        </p>
      </div>
    </main>
  );
}
