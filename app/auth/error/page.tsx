import Link from "next/link";
import { primaryAction, secondaryAction, StatusCard } from "@/components/status-card";
import { errorCodeSearch, parseSearchParams, type SearchParams } from "@/lib/search-params";
import { explanations } from "./explanations";

export const metadata = { title: "Sign-in problem" };

const errorSearch = errorCodeSearch(Object.keys(explanations), "Default");

export default async function AuthErrorPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { error: code } = parseSearchParams(errorSearch, await searchParams);
  const { title, body } = explanations[code]!;
  return (
    <StatusCard
      eyebrow="Sign in with Polar"
      title={title}
      actions={
        <>
          <Link href="/" className={primaryAction}>
            Start again
          </Link>
          <Link href="/dashboard" className={secondaryAction}>
            Go to your dashboard
          </Link>
        </>
      }
    >
      {body.map((paragraph) => (
        <p key={paragraph}>{paragraph}</p>
      ))}
      <p className="text-xs text-zinc-600 dark:text-zinc-400">Error code: {code}</p>
    </StatusCard>
  );
}
