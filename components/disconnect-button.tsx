import { disconnectOrganization } from "@/lib/auth/actions";

/** Revokes this app's grant for the organization at Polar and forgets it; `small` in lists and headers. */
export function DisconnectButton({
  organizationId,
  name,
  small = true,
}: {
  organizationId: string;
  name: string;
  small?: boolean;
}) {
  return (
    <form action={disconnectOrganization}>
      <input type="hidden" name="organizationId" value={organizationId} />
      <button
        type="submit"
        aria-label={`Disconnect ${name}`}
        className={`button-secondary ${small ? "button-small" : ""} hover:text-red-700 dark:hover:text-red-300`}
      >
        Disconnect
      </button>
    </form>
  );
}
