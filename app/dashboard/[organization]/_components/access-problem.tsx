import Link from "next/link";
import { PolarButton } from "@/components/buttons";
import { DisconnectButton } from "@/components/disconnect-button";
import { MessageCard } from "@/components/message-card";
import { ApiVersionRetired } from "@/components/polar-problem";
import { pickOrganizationAtPolar } from "@/lib/auth/actions";
import type { Connection } from "@/lib/dashboard/connections";
import type { PolarProblem } from "@/lib/polar/errors";

const RECONNECT_WHY = {
  answer_lost:
    "Polar renewed this app's access during a token refresh, but its answer never reached the app, so the renewed access was lost.",
  revoked:
    "Polar revoked this app's access: it was removed at Polar, or the organization now requires single sign-on.",
  refused: "Polar no longer accepts this app's access (it was revoked or expired).",
} as const;

/**
 * Why the organization's page shows none of its data, in place of the page:
 * Polar refused the grant (reconnect), no longer lets the person see the
 * organization (denied), no longer serves the app's API version, or could not
 * be asked to confirm the grant.
 */
export function AccessProblem({ connection, problem }: { connection: Connection; problem: PolarProblem }) {
  const name = connection.organizationName;
  const disconnect = (
    <DisconnectButton organizationId={connection.organizationId} name={name} small={false} />
  );
  const retry = (
    <Link href={`/dashboard/${connection.organizationSlug}`} prefetch={false} className="button-secondary">
      Try again
    </Link>
  );
  switch (problem.kind) {
    case "reconnect":
      return (
        <MessageCard
          problem={problem.kind}
          tone="warning"
          eyebrow="Access ended"
          title={`Reconnect ${name}`}
          actions={
            <form action={pickOrganizationAtPolar}>
              <PolarButton>Reconnect organization</PolarButton>
            </form>
          }
        >
          <p>
            {RECONNECT_WHY[problem.reason ?? "refused"]} Your other organizations and settings are untouched.
          </p>
        </MessageCard>
      );
    case "denied":
      return (
        <MessageCard
          problem={problem.kind}
          tone="warning"
          eyebrow="No longer a member"
          title={`Polar no longer shows you ${name}`}
          actions={
            <>
              {retry}
              {disconnect}
            </>
          }
        >
          <p>
            Polar says you can’t see this organization any more: you may have left it, or been removed from
            it. This app shows nothing of it while that is so. If an owner adds you back, try again.
          </p>
        </MessageCard>
      );
    case "api-version":
      return (
        <MessageCard
          problem={problem.kind}
          tone="error"
          eyebrow="Polar API version retired"
          title="Polar no longer serves this app’s API version"
          actions={retry}
        >
          <ApiVersionRetired version={problem.version} />
        </MessageCard>
      );
    default:
      return (
        <MessageCard
          problem={problem.kind}
          tone="error"
          eyebrow="Polar is not answering"
          title={`Can’t confirm your access to ${name}`}
          actions={retry}
        >
          <p>
            {problem.kind === "busy" || problem.kind === "rate-limited"
              ? "This app has used its share of Polar’s requests for the moment,"
              : "Polar didn’t answer in time,"}{" "}
            so this app can’t confirm that you may still see {name}, and shows none of its data until it can.
            This is usually brief.
          </p>
        </MessageCard>
      );
  }
}
