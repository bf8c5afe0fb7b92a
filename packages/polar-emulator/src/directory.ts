import { clients, type SeedClient } from "./data/seed.ts";

export function findClient(clientId: string): SeedClient | undefined {
  return clients.find((client) => client.client_id === clientId);
}
