"use client";

import Link from "next/link";
import { MessageCard } from "@/components/message-card";

export default function AppError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <MessageCard
      page
      eyebrow="Something went wrong"
      title="This page couldn’t be shown"
      actions={
        <>
          <button type="button" onClick={reset} className="button-primary">
            Try again
          </button>
          <Link href="/" className="button-secondary">
            Back to the start
          </Link>
        </>
      }
    >
      <p>An unexpected error stopped this page from loading. Nothing was changed.</p>
      {error.digest && <p className="muted text-xs">Reference for the server log: {error.digest}</p>}
    </MessageCard>
  );
}
