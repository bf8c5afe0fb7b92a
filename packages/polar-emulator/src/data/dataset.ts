// What one emulator instance serves: the seed, plus the load-test population
// when asked for, with the catalogue generated at start. Immutable once built.
import {
  generateCatalogue,
  type Catalogue,
  type SeedCustomer,
  type SeedProduct,
  type SeedSubscription,
} from "./catalogue.ts";
import type { OrganizationRole } from "../permissions.ts";
import { loadPopulation, type LoadPopulationSize } from "./load-population.ts";
import {
  organizations as seedOrganizations,
  SEED_CATALOGUE,
  users as seedUsers,
  type SeedOrganization,
  type SeedUser,
} from "./seed.ts";

export interface Dataset extends Catalogue {
  /** The seeded people first, then the load-test population's. */
  users: SeedUser[];
  /** The seeded organizations first, then the load-test population's. */
  organizations: SeedOrganization[];
  /** The size of the load-test population at the end of `users` and `organizations`. */
  load: LoadPopulationSize;
  findUser(id: string): SeedUser | undefined;
  findOrganization(id: string): SeedOrganization | undefined;
  findOrganizationBySlug(slug: string): SeedOrganization | undefined;
  organizationsOf(userId: string): SeedOrganization[];
  /** The seeded role of `userId` in `organizationId`, if they are a member. */
  roleOf(userId: string, organizationId: string): OrganizationRole | undefined;
  findProduct(id: string): SeedProduct | undefined;
  findCustomer(id: string): SeedCustomer | undefined;
  findSubscription(id: string | null): SeedSubscription | undefined;
}

const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((row) => [row.id, row]));

export function createDataset(
  load: LoadPopulationSize = { users: 0, organizations: 0 },
  startedAt = Date.now(),
): Dataset {
  const generated = loadPopulation(load);
  const entries = [
    ...seedOrganizations.map((organization) => ({
      organization,
      ...(SEED_CATALOGUE[organization.id] ?? { products: [], customers: 0 }),
    })),
    ...generated.catalogue,
  ];
  const catalogue = generateCatalogue(entries, startedAt);
  const users = [...seedUsers, ...generated.users];
  const organizations = entries.map((entry) => entry.organization);

  const usersById = byId(users);
  const organizationsById = byId(organizations);
  const organizationsBySlug = new Map(organizations.map((org) => [org.slug, org]));
  const memberships = new Map<string, SeedOrganization[]>();
  for (const org of organizations)
    for (const { userId } of org.members) memberships.set(userId, [...(memberships.get(userId) ?? []), org]);
  const products = byId(catalogue.products);
  const customers = byId(catalogue.customers);
  const subscriptions = byId(catalogue.subscriptions);

  return {
    ...catalogue,
    users,
    load,
    organizations,
    findUser: (id) => usersById.get(id),
    findOrganization: (id) => organizationsById.get(id),
    findOrganizationBySlug: (slug) => organizationsBySlug.get(slug),
    organizationsOf: (userId) => memberships.get(userId) ?? [],
    roleOf: (userId, organizationId) =>
      organizationsById.get(organizationId)?.members.find((member) => member.userId === userId)?.role,
    findProduct: (id) => products.get(id),
    findCustomer: (id) => customers.get(id),
    findSubscription: (id) => (id === null ? undefined : subscriptions.get(id)),
  };
}
