import Link from "next/link";
import { MessageCard } from "@/components/message-card";
import { polarServer } from "@/lib/polar/server";
import { errorCodeSearch, parseSearchParams, type SearchParams } from "@/lib/search-params";
import { explanations } from "./explanations";

/** The codes caused by which Polar server the app is configured for. */
const SERVER_CODES = new Set(["WrongIssuer", "IssuerMismatch", "PolarUnreachable"]);

/** For whoever runs the app: the issuer it uses, which variable set it, and Polar's own. */
function IssuerDetails() {
  const { issuer, issuerSetBy, defaultIssuer, server } = polarServer;
  return (
    <p className="rounded-lg bg-zinc-50 p-3 text-xs dark:bg-zinc-800/60">
      If you run this app: it signs in with the issuer <code className="font-mono break-all">{issuer}</code>
      {issuerSetBy === "POLAR_ISSUER" ? (
        <>
          {" "}
          from <code className="font-mono">POLAR_ISSUER</code>. Polar’s issuer for{" "}
          <code className="font-mono">POLAR_SERVER={server}</code> is{" "}
          <code className="font-mono break-all">{defaultIssuer}</code>: correct or remove{" "}
          <code className="font-mono">POLAR_ISSUER</code>.
        </>
      ) : (
        <>
          {" "}
          (<code className="font-mono">POLAR_SERVER={server}</code>). Check that it matches the Polar where
          the OAuth client was created, and that this server can reach it.
        </>
      )}
    </p>
  );
}

export const metadata = { title: "Sign-in problem" };

const errorSearch = errorCodeSearch(Object.keys(explanations), "Default");

export default async function AuthErrorPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { error: code } = parseSearchParams(errorSearch, await searchParams);
  const { title, body } = explanations[code]!;
  return (
    <MessageCard
      page
      eyebrow="Sign in with Polar"
      title={title}
      actions={
        <>
          <Link href="/" className="button-primary">
            Start again
          </Link>
          <Link href="/dashboard" className="button-secondary">
            Go to your dashboard
          </Link>
        </>
      }
    >
      {body.map((paragraph) => (
        <p key={paragraph}>{paragraph}</p>
      ))}
      {SERVER_CODES.has(code) && <IssuerDetails />}
      <p className="muted text-xs">Error code: {code}</p>
    </MessageCard>
  );
}
