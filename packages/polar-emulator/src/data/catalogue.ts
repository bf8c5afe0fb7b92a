// Products, customers, subscriptions and orders per organization, generated
// from fixed inputs with a fixed random seed per organization, so ids and
// amounts are the same on every start; dates are relative to the start so
// dashboards always show recent activity.
import type { ProductInput, SeedOrganization } from "./seed.ts";

export interface SeedPrice {
  id: string;
  amount_type: "fixed" | "custom";
  price_amount: number;
  minimum_amount: number;
  preset_amount: number | null;
  price_currency: string;
}

export interface SeedProduct {
  id: string;
  organization_id: string;
  name: string;
  description: string | null;
  recurring_interval: "month" | "year" | null;
  visibility: "public" | "private";
  is_archived: boolean;
  created_at: string;
  prices: SeedPrice[];
}

export interface SeedCustomer {
  id: string;
  organization_id: string;
  name: string;
  email: string;
  country: string;
  city: string;
  external_id: string | null;
  created_at: string;
}

export interface SeedSubscription {
  id: string;
  organization_id: string;
  customer_id: string;
  product_id: string;
  price_id: string;
  amount: number;
  currency: string;
  recurring_interval: "month" | "year";
  status: "active" | "trialing" | "past_due" | "canceled";
  started_at: string;
  current_period_start: string;
  current_period_end: string;
  cancel_at_period_end: boolean;
  canceled_at: string | null;
  ended_at: string | null;
  created_at: string;
}

export interface SeedOrder {
  id: string;
  organization_id: string;
  customer_id: string;
  product_id: string;
  price_id: string;
  subscription_id: string | null;
  billing_reason: "purchase" | "subscription_create" | "subscription_cycle";
  status: "paid" | "refunded";
  subtotal_amount: number;
  tax_amount: number;
  currency: string;
  invoice_number: string;
  created_at: string;
}

export interface CatalogueEntry {
  organization: SeedOrganization;
  products: ProductInput[];
  customers: number;
}

export interface Catalogue {
  products: SeedProduct[];
  customers: SeedCustomer[];
  subscriptions: SeedSubscription[];
  orders: SeedOrder[];
}

const DAY = 24 * 60 * 60 * 1000;

function addInterval(iso: string, interval: "month" | "year"): string {
  const date = new Date(iso);
  if (interval === "month") date.setUTCMonth(date.getUTCMonth() + 1);
  else date.setUTCFullYear(date.getUTCFullYear() + 1);
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** A stable UUID4-shaped id: hex of a string hash, with the version and variant bits set. */
export function stableId(key: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  let hex = "";
  for (let round = 0; hex.length < 32; round++) {
    for (const char of `${key}#${round}`) {
      h1 = Math.imul(h1 ^ char.charCodeAt(0), 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ char.charCodeAt(0), 0x5bd1e995) >>> 0;
    }
    hex += h1.toString(16).padStart(8, "0") + h2.toString(16).padStart(8, "0");
  }
  const variant = ((parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST_NAMES = [
  "Alan",
  "Barbara",
  "Claude",
  "Dorothy",
  "Edsger",
  "Frances",
  "Guido",
  "Hedy",
  "Ivan",
  "Jean",
  "Ken",
  "Lynn",
  "Margaret",
  "Niklaus",
  "Radia",
  "Sophie",
  "Tim",
  "Ursula",
  "Vint",
  "Whitfield",
  "Xiao",
  "Yukihiro",
  "Zhang",
  "Adele",
  "Bjarne",
  "Carol",
  "Dennis",
  "Evelyn",
];
const LAST_NAMES = [
  "Turing",
  "Liskov",
  "Shannon",
  "Vaughan",
  "Dijkstra",
  "Allen",
  "van Rossum",
  "Lamarr",
  "Sutherland",
  "Sammet",
  "Thompson",
  "Conway",
  "Hamilton",
  "Wirth",
  "Perlman",
  "Wilson",
  "Berners-Lee",
  "Franklin",
  "Cerf",
  "Diffie",
  "Wei",
  "Matsumoto",
  "Lin",
  "Goldberg",
  "Stroustrup",
  "Shaw",
  "Ritchie",
  "Berezin",
];
const PLACES: [string, string][] = [
  ["GB", "London"],
  ["US", "San Francisco"],
  ["DE", "Berlin"],
  ["FR", "Paris"],
  ["SE", "Stockholm"],
  ["NL", "Amsterdam"],
  ["JP", "Tokyo"],
  ["CA", "Toronto"],
  ["ES", "Madrid"],
  ["AU", "Sydney"],
];

export function generateCatalogue(entries: CatalogueEntry[], startedAt: number): Catalogue {
  const products: SeedProduct[] = [];
  const customers: SeedCustomer[] = [];
  const subscriptions: SeedSubscription[] = [];
  const orders: SeedOrder[] = [];
  const daysAgo = (days: number, minutes = 0) =>
    new Date(startedAt - days * DAY - minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");

  for (const { organization: org, products: inputs, customers: customerCount } of entries) {
    const rand = random(org.slug.length * 7919 + org.name.charCodeAt(0));
    const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)] as T;

    inputs.forEach(([name, description, interval, amount, options = {}], index) => {
      const id = stableId(`product:${org.id}:${name}`);
      products.push({
        id,
        organization_id: org.id,
        name,
        description,
        recurring_interval: interval,
        visibility: options.private ? "private" : "public",
        is_archived: options.archived ?? false,
        created_at: daysAgo(400 - index * 9),
        prices: [
          {
            id: stableId(`price:${id}`),
            amount_type: options.custom ? "custom" : "fixed",
            price_amount: amount,
            minimum_amount: amount,
            preset_amount: options.custom ? amount * 2 : null,
            price_currency: "usd",
          },
        ],
      });
    });

    const orgProducts = products.filter(
      (product) => product.organization_id === org.id && !product.is_archived,
    );
    const recurring = orgProducts.filter((product) => product.recurring_interval !== null);
    const oneTime = orgProducts.filter(
      (product) => product.recurring_interval === null && product.visibility === "public",
    );
    let invoice = 1;

    for (let i = 0; i < customerCount; i++) {
      const first = FIRST_NAMES[(i * 7 + org.slug.length) % FIRST_NAMES.length] ?? "Alex";
      const last = LAST_NAMES[(i * 11 + 3) % LAST_NAMES.length] ?? "Doe";
      const [country, city] = PLACES[i % PLACES.length] ?? ["US", "New York"];
      const customer: SeedCustomer = {
        id: stableId(`customer:${org.id}:${i}`),
        organization_id: org.id,
        name: `${first} ${last}`,
        email:
          `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, "") +
          `@example.${i % 3 === 0 ? "org" : "com"}`,
        country,
        city,
        external_id: i % 4 === 0 ? `user_${1000 + i}` : null,
        created_at: daysAgo(Math.floor(300 - i * (280 / (customerCount || 1))), i * 37),
      };
      customers.push(customer);
      const customerAge = (startedAt - Date.parse(customer.created_at)) / DAY;

      const addOrder = (
        product: SeedProduct,
        created: string,
        reason: SeedOrder["billing_reason"],
        subscriptionId: string | null,
      ) => {
        const price = product.prices[0] as SeedPrice;
        const subtotal =
          price.amount_type === "custom"
            ? price.minimum_amount * (1 + Math.floor(rand() * 4))
            : price.price_amount;
        const taxed = ["GB", "DE", "FR", "SE", "NL", "ES"].includes(customer.country);
        orders.push({
          id: stableId(`order:${org.id}:${invoice}`),
          organization_id: org.id,
          customer_id: customer.id,
          product_id: product.id,
          price_id: price.id,
          subscription_id: subscriptionId,
          billing_reason: reason,
          status: rand() < 0.04 ? "refunded" : "paid",
          subtotal_amount: subtotal,
          tax_amount: taxed ? Math.round(subtotal * 0.2) : 0,
          currency: price.price_currency,
          invoice_number: `${org.slug.slice(0, 4).toUpperCase()}-${String(invoice).padStart(4, "0")}`,
          created_at: created,
        });
        invoice += 1;
      };

      if (recurring.length > 0 && rand() < 0.65) {
        const product = pick(recurring);
        const interval = product.recurring_interval ?? "month";
        const price = product.prices[0] as SeedPrice;
        const started = customer.created_at;
        const roll = rand();
        const status: SeedSubscription["status"] =
          roll < 0.1 ? "canceled" : roll < 0.16 ? "past_due" : roll < 0.22 ? "trialing" : "active";
        const subscriptionId = stableId(`subscription:${org.id}:${i}`);
        const canceledAt = status === "canceled" ? daysAgo(Math.max(1, Math.floor(customerAge / 3))) : null;
        const stop = canceledAt ? Date.parse(canceledAt) : startedAt;
        let periodStart = started;
        while (Date.parse(addInterval(periodStart, interval)) < stop)
          periodStart = addInterval(periodStart, interval);
        subscriptions.push({
          id: subscriptionId,
          organization_id: org.id,
          customer_id: customer.id,
          product_id: product.id,
          price_id: price.id,
          amount: price.price_amount,
          currency: price.price_currency,
          recurring_interval: interval,
          status,
          started_at: started,
          current_period_start: periodStart,
          current_period_end: addInterval(periodStart, interval),
          cancel_at_period_end: status === "active" && rand() < 0.15,
          canceled_at: canceledAt,
          ended_at: canceledAt,
          created_at: started,
        });
        if (status !== "trialing") {
          let cycle = started;
          let first = true;
          while (Date.parse(cycle) < stop) {
            addOrder(product, cycle, first ? "subscription_create" : "subscription_cycle", subscriptionId);
            first = false;
            cycle = addInterval(cycle, interval);
          }
        }
      }
      if (oneTime.length > 0 && rand() < 0.55) {
        addOrder(pick(oneTime), daysAgo(Math.floor(rand() * customerAge), 90), "purchase", null);
      }
    }
  }
  return { products, customers, subscriptions, orders };
}
