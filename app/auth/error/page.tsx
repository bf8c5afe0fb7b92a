import Link from "next/link";

export const metadata = { title: "Sign-in problem" };

const messages: Record<string, string> = {
  AccessDenied: "Access was not granted. You can try again and allow access on Polar's consent screen.",
  Configuration: "The app's Polar sign-in is not configured correctly. Check the server logs.",
  Verification: "The sign-in link is no longer valid.",
};

export default async function AuthErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const message = (error && messages[error]) ?? "Something went wrong while signing in with Polar.";
  return (
    <main className="flex min-h-dvh items-center justify-center px-4">
      <div className="w-full max-w-md rounded-2xl border border-zinc-200 bg-white p-8 dark:border-zinc-800 dark:bg-zinc-900">
        <h1 className="text-xl font-semibold">Sign-in didn&apos;t complete</h1>
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{message}</p>
        <Link href="/" className="mt-6 inline-block text-sm font-semibold text-polar-600 hover:underline">
          Back to sign in
        </Link>
      </div>
    </main>
  );
}
