import { disconnectOrganization } from "@/lib/auth/actions";

/** Revokes this app's grant for the organization at Polar and forgets it. */
export function DisconnectButton({ organizationId, name }: { organizationId: string; name: string }) {
  return (
    <form action={disconnectOrganization}>
      <input type="hidden" name="organizationId" value={organizationId} />
      <button
        type="submit"
        aria-label={`Disconnect ${name}`}
        className="cursor-pointer rounded-lg px-3 py-2 text-sm font-medium text-zinc-600 hover:bg-red-50 hover:text-red-700 dark:text-zinc-400 dark:hover:bg-red-500/10 dark:hover:text-red-300"
      >
        Disconnect
      </button>
    </form>
  );
}
