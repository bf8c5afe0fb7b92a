import { redirect } from "next/navigation";
import { auth } from "@/auth";
import { PolarButton } from "@/components/buttons";
import { MessageCard } from "@/components/message-card";
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
    <MessageCard
      page
      eyebrow="Polar Starter"
      title="Sign in to Polar Starter"
      badge={<ServerBadge />}
      actions={
        <form action={signInWithPolar}>
          {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
          <PolarButton>Sign in with Polar</PolarButton>
        </form>
      }
    >
      <p>
        Use your Polar account, then connect an organization to see its products, orders and subscriptions.
      </p>
      {error === "SignInFirst" && (
        <p
          role="alert"
          className="rounded-lg bg-red-50 p-3 text-red-800 dark:bg-red-500/10 dark:text-red-200"
        >
          Your session ended before the organization was connected. Sign in, then connect it again.
        </p>
      )}
      {polarServer.server === "local" && (
        <p className="rounded-lg bg-amber-50 p-3 text-xs text-amber-900 dark:bg-amber-400/10 dark:text-amber-200">
          No Polar credentials are configured, so sign-in goes to the local Polar emulator at{" "}
          <code className="font-mono">{polarServer.issuer}</code>. Set{" "}
          <code className="font-mono">POLAR_CLIENT_ID</code> to use Polar itself.
        </p>
      )}
    </MessageCard>
  );
}
