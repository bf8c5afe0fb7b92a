import Link from "next/link";
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import { MessageCard } from "@/components/message-card";
import { continueAsOtherPolarAccount } from "@/lib/auth/actions";

export const metadata = { title: "Another Polar account" };

/**
 * "Sign in with Polar" came back as another Polar account than the one the
 * person is signed in with here (auth.ts, the signIn callback): nothing was
 * linked and that account's new grant was revoked. They stay, or sign out and
 * sign in as the other account.
 */
export default async function SwitchAccountPage() {
  const session = await auth();
  if (!session?.user) redirect("/");
  const signedInAs = session.user.email || session.user.name || "your Polar account";
  return (
    <MessageCard
      page
      tone="warning"
      eyebrow="Sign in with Polar"
      title={`You’re signed in as ${signedInAs}`}
      actions={
        <>
          <Link href="/dashboard" className="button-primary">
            Stay signed in as {signedInAs}
          </Link>
          <form action={continueAsOtherPolarAccount}>
            <button type="submit" className="button-secondary">
              Continue as the other account
            </button>
          </form>
        </>
      }
    >
      <p>
        You just signed in at Polar as another account. It was not added to {signedInAs}, and the access it
        gave this app was revoked.
      </p>
      <p>
        To use the other account here, sign out first. <strong>Continue as the other account</strong> signs
        you out of this app and signs you in with the account you are signed in with at Polar.
      </p>
    </MessageCard>
  );
}
