import Link from "next/link";
import { MessageCard } from "@/components/message-card";

// Above [organization], so it also covers notFound() from that segment's layout.
export default function DashboardNotFound() {
  return (
    <MessageCard
      eyebrow="404"
      title="Organization not found"
      actions={
        <Link href="/dashboard" className="button-primary">
          Back to your organizations
        </Link>
      }
    >
      <p>
        No organization with this address is connected to your account. Connect it from your dashboard first.
      </p>
    </MessageCard>
  );
}
