"use client";

import "./globals.css";
import { MessageCard } from "@/components/message-card";

// Replaces the root layout when it fails itself, so it brings its own <html>.
export default function GlobalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">
        <title>Something went wrong · Sign in with Polar</title>
        <MessageCard
          page
          eyebrow="Something went wrong"
          title="The app couldn’t be shown"
          actions={
            <button type="button" onClick={reset} className="button-primary">
              Try again
            </button>
          }
        >
          <p>An unexpected error stopped the app from loading. Nothing was changed.</p>
          {error.digest && <p className="muted text-xs">Reference for the server log: {error.digest}</p>}
        </MessageCard>
      </body>
    </html>
  );
}
