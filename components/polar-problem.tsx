import Link from "next/link";
import { pickOrganizationAtPolar } from "@/lib/auth/actions";
import type { PolarProblem } from "@/lib/polar/errors";
import { READ_SCOPE_NAMES, type ReadScope } from "@/lib/polar/scopes";
import { PolarButton } from "./buttons";

const tones = {
  warning:
    "border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-400/30 dark:bg-amber-400/10 dark:text-amber-100",
  error: "border-red-200 bg-red-50 text-red-950 dark:border-red-400/30 dark:bg-red-500/10 dark:text-red-100",
};

/**
 * What went wrong loading `subject` (e.g. "orders") and what to do about it,
 * rendered inside the panel that failed. `retryHref` reloads the page.
 */
export function PolarProblemNotice({
  problem,
  subject,
  retryHref,
}: {
  problem: PolarProblem;
  subject: string;
  retryHref: string;
}) {
  const retry = (
    <Link href={retryHref} prefetch={false} className="font-semibold underline underline-offset-2">
      Try again
    </Link>
  );
  switch (problem.kind) {
    case "missing-scope":
      return (
        <Notice tone="warning" title={`Permission needed to show ${subject}`} kind={problem.kind}>
          <p>
            This connection was granted without the{" "}
            <code className="font-mono font-semibold">{problem.scope}</code> scope (“
            {READ_SCOPE_NAMES[problem.scope as ReadScope] ?? problem.scope}”). Reconnect the organization and
            allow it.
          </p>
          <ReconnectForm />
        </Notice>
      );
    case "rate-limited":
      return (
        <Notice tone="warning" title="Polar is rate limiting this app" kind={problem.kind}>
          <p>
            Too many requests reached Polar from this app within its rate-limit window.{" "}
            {problem.retryAfterSeconds !== null
              ? `Polar asks for a wait of up to ${problem.retryAfterSeconds} seconds (the window’s length).`
              : "Retry in a moment."}{" "}
            {retry}
          </p>
        </Notice>
      );
    case "busy":
      return (
        <Notice tone="warning" title="Busy: too many dashboards are open at once" kind={problem.kind}>
          <p>
            This app has used its share of Polar’s requests for the moment and has no copy of {subject} yet.
            Retry in {problem.retryAfterSeconds} seconds. {retry}
          </p>
        </Notice>
      );
    case "unavailable":
      return (
        <Notice tone="error" title="Polar is not answering" kind={problem.kind}>
          <p>
            Polar didn’t answer the request for {subject} in time. This is usually brief. {retry}
          </p>
        </Notice>
      );
    case "api-version":
      return (
        <Notice tone="error" title="Polar no longer serves this app’s API version" kind={problem.kind}>
          <ApiVersionRetired version={problem.version} />
        </Notice>
      );
    case "denied":
      return (
        <Notice tone="warning" title={`Polar doesn’t let you see ${subject}`} kind={problem.kind}>
          <p>Your role in this organization, or your membership of it, doesn’t allow it.</p>
        </Notice>
      );
    case "not-connected":
    case "reconnect":
      return (
        <Notice tone="warning" title="Access to this organization ended" kind={problem.kind}>
          <p>Polar no longer accepts this app’s access. Reconnect the organization to continue.</p>
          <ReconnectForm />
        </Notice>
      );
    case "unexpected":
      return (
        <Notice tone="error" title={`Couldn’t load ${subject}`} kind={problem.kind}>
          <p>Something unexpected went wrong. {retry}</p>
        </Notice>
      );
  }
}

/** What a retired API version means, and what whoever runs the app does about it. */
export function ApiVersionRetired({ version }: { version: string }) {
  return (
    <p>
      This app speaks Polar’s API version <code className="font-mono font-semibold">{version}</code>, which
      Polar has stopped serving (it retires its oldest version every quarter), so Polar refuses every request.
      Whoever runs this app: upgrade <code className="font-mono font-semibold">@polar-sh/sdk</code> and the
      version in <code className="font-mono font-semibold">lib/polar/client.ts</code>, then deploy.
    </p>
  );
}

function ReconnectForm() {
  return (
    <form action={pickOrganizationAtPolar} className="mt-3">
      <PolarButton>Reconnect organization</PolarButton>
    </form>
  );
}

function Notice({
  tone,
  title,
  kind,
  children,
}: {
  tone: keyof typeof tones;
  title: string;
  kind: PolarProblem["kind"];
  children: React.ReactNode;
}) {
  return (
    <div role="alert" data-problem={kind} className={`rounded-xl border p-4 text-sm ${tones[tone]}`}>
      <p className="font-semibold">{title}</p>
      <div className="mt-1">{children}</div>
    </div>
  );
}
