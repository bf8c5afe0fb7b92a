import Link from "next/link";
import { connection } from "next/server";
import { MessageCard } from "@/components/message-card";

export const metadata = { title: "Page not found" };

export default async function NotFound() {
  // Rendered per request so its scripts carry the CSP nonce (see proxy.ts).
  await connection();
  return (
    <MessageCard
      page
      eyebrow="404"
      title="This page doesn’t exist"
      actions={
        <Link href="/" className="button-primary">
          Back to the start
        </Link>
      }
    >
      <p>The address may be mistyped, or the page has moved.</p>
    </MessageCard>
  );
}
