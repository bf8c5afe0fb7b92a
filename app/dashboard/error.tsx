"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { startTransition } from "react";
import { MessageCard } from "@/components/message-card";

// Panels catch Polar's errors themselves; this catches what fails before them,
// e.g. an organization's token refresh while Polar is unreachable (it sits above
// [organization] so that segment's layout is covered too).
export default function OrganizationError({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const router = useRouter();
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <MessageCard
      role="alert"
      tone="error"
      eyebrow="Error"
      title="This page couldn’t be loaded"
      actions={
        <>
          <button type="button" onClick={retry} className="button-primary">
            Try again
          </button>
          <Link href="/dashboard" className="button-secondary">
            All organizations
          </Link>
        </>
      }
    >
      <p>
        Polar may be briefly unavailable, or an organization’s connection could not be refreshed. Nothing was
        changed.
      </p>
    </MessageCard>
  );
}
