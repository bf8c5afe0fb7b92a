// The OAuth clients the emulator knows: the seeded ones (data/seed.ts), and
// those registered at POST /v1/oauth2/register (registration.ts), which a
// reset forgets.
import { clients, type SeedClient } from "./data/seed.ts";
import type { EmulatorState, RegisteredClient } from "./state.ts";

export type KnownClient = SeedClient | RegisteredClient;

export function findClient(state: EmulatorState, clientId: string): KnownClient | undefined {
  return clients.find((client) => client.client_id === clientId) ?? state.registeredClients.get(clientId);
}

/** Whether the client registered this redirect URI: a seeded client's paths on any app origin, a registered client's exact URIs. */
export function redirectAllowed(client: KnownClient, redirectUri: string): boolean {
  return "redirect_uris" in client
    ? client.redirect_uris.includes(redirectUri)
    : client.redirect_paths.some((path) => redirectUri.endsWith(path));
}
