// A generated population for load tests, off by default: N users
// (load-user-001@example.com, …) spread round-robin over M organizations
// (load-org-01, …), each organization selling a few products to a few
// customers, so a dashboard has rows. Everything is derived from the numbers
// alone: the same N and M give the same ids on every start.
import { stableId, type CatalogueEntry } from "./catalogue.ts";
import type { ProductInput, SeedOrganization, SeedUser } from "./seed.ts";

export interface LoadPopulationSize {
  users: number;
  organizations: number;
}

const PRODUCTS: ProductInput[] = [
  ["Starter", "The monthly plan.", "month", 1500],
  ["Growth", "The yearly plan.", "year", 15000],
  ["Setup Pack", "A one-off purchase.", null, 4900],
];
const CUSTOMERS_PER_ORGANIZATION = 6;

const number = (n: number, total: number, minDigits: number) =>
  String(n).padStart(Math.max(minDigits, String(total).length), "0");

/** The email of the `n`th generated user (1-based) of a population of `total`. */
export function loadUserEmail(n: number, total: number): string {
  return `load-user-${number(n, total, 3)}@example.com`;
}

/** The slug of the `n`th generated organization (1-based) of `total`. */
export function loadOrganizationSlug(n: number, total: number): string {
  return `load-org-${number(n, total, 2)}`;
}

export function loadPopulation(size: LoadPopulationSize): { users: SeedUser[]; catalogue: CatalogueEntry[] } {
  const users: SeedUser[] = Array.from({ length: size.users }, (_, index) => {
    const label = number(index + 1, size.users, 3);
    return {
      id: stableId(`load-user:${index + 1}`),
      name: `Load User ${label}`,
      email: loadUserEmail(index + 1, size.users),
      email_verified: true,
      avatar_url: null,
      created_at: "2025-06-01T09:00:00Z",
    };
  });
  const catalogue = Array.from({ length: size.organizations }, (_, index): CatalogueEntry => {
    const slug = loadOrganizationSlug(index + 1, size.organizations);
    const organization: SeedOrganization = {
      id: stableId(`load-org:${index + 1}`),
      name: `Load Org ${slug.slice("load-org-".length)}`,
      slug,
      email: `billing@${slug}.example`,
      website: `https://${slug}.example`,
      country: "US",
      created_at: "2025-06-01T09:00:00Z",
      // The first user owns it, the others are plain members.
      members: users
        .filter((_, userIndex) => userIndex % size.organizations === index)
        .map((user, memberIndex) => ({ userId: user.id, role: memberIndex === 0 ? "owner" : "member" })),
    };
    return { organization, products: PRODUCTS, customers: CUSTOMERS_PER_ORGANIZATION };
  });
  return { users, catalogue };
}
