import { clients, organizations, users, type SeedClient, type SeedOrganization, type SeedUser } from "./data/seed.ts";

export function findUser(id: string): SeedUser | undefined {
  return users.find((user) => user.id === id);
}

export function findOrganization(id: string): SeedOrganization | undefined {
  return organizations.find((org) => org.id === id);
}

export function organizationsOf(userId: string): SeedOrganization[] {
  return organizations.filter((org) => org.members.includes(userId));
}

export function findClient(clientId: string): SeedClient | undefined {
  return clients.find((client) => client.client_id === clientId);
}
