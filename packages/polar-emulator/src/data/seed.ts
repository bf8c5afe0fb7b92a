import { LOCAL_CLIENT, PUBLIC_CLIENT_ID } from "../client.ts";

// Everything the emulator serves: users, organizations, OAuth clients and the
// organizations' catalogue. Ids are fixed so tests and docs can refer to them.
export interface SeedUser {
  id: string;
  name: string;
  email: string;
  email_verified: boolean;
  avatar_url: string | null;
  created_at: string;
}

export interface SeedOrganization {
  id: string;
  name: string;
  slug: string;
  email: string | null;
  website: string | null;
  country: string;
  created_at: string;
  members: string[];
}

export interface SeedClient {
  client_id: string;
  client_secret: string | null;
  client_name: string;
  token_endpoint_auth_method: "client_secret_post" | "client_secret_basic" | "none";
  redirect_paths: string[];
  scope: string;
}

export const ADA_ID = "b54a045a-5aaa-4270-84e3-717784145ec9";
export const GRACE_ID = "103f340b-480b-4d9a-885a-6c91fd99376d";
export const KATHERINE_ID = "5f0c6e2a-8d3b-4f61-9a7e-2c4b1d9e0f37";
export const ACME_ID = "c4f27dee-9d09-4a97-853e-bc2c1c68d129";
export const NEBULA_ID = "9ed4606b-9c41-4923-8cbc-4d9c9908e5b2";
export const COMPILER_CLUB_ID = "adb5b858-f664-43c2-a7c0-cbcc3df6fbdb";

export const users: SeedUser[] = [
  {
    id: ADA_ID,
    name: "Ada Lovelace",
    email: "ada@example.com",
    email_verified: true,
    avatar_url: null,
    created_at: "2024-03-04T09:12:44Z",
  },
  {
    id: GRACE_ID,
    name: "Grace Hopper",
    email: "grace@example.com",
    email_verified: true,
    avatar_url: null,
    created_at: "2024-06-18T15:40:02Z",
  },
  {
    id: KATHERINE_ID,
    name: "Katherine Johnson",
    email: "katherine@example.com",
    email_verified: true,
    avatar_url: null,
    created_at: "2024-10-02T10:15:27Z",
  },
];

export const organizations: SeedOrganization[] = [
  {
    id: ACME_ID,
    name: "Acme Analytics",
    slug: "acme-analytics",
    email: "billing@acme-analytics.example",
    website: "https://acme-analytics.example",
    country: "GB",
    created_at: "2024-03-04T09:20:10Z",
    members: [ADA_ID],
  },
  {
    id: NEBULA_ID,
    name: "Nebula Labs",
    slug: "nebula-labs",
    email: "hello@nebula-labs.example",
    website: "https://nebula-labs.example",
    country: "US",
    created_at: "2024-09-12T11:02:37Z",
    // Two members: its legacy organization tokens stay organization tokens on refresh.
    members: [ADA_ID, KATHERINE_ID],
  },
  {
    id: COMPILER_CLUB_ID,
    name: "Compiler Club",
    slug: "compiler-club",
    email: null,
    website: null,
    country: "US",
    created_at: "2025-01-08T08:45:00Z",
    members: [GRACE_ID],
  },
];

// What the starter asks for, plus the matching write scopes so tests can check
// that Polar accepts a write scope where read is required.
const APP_SCOPES = [
  "openid profile email",
  "organizations:read products:read orders:read customers:read subscriptions:read metrics:read",
  "organizations:write products:write orders:write customers:write subscriptions:write",
].join(" ");

const REDIRECT_PATHS = ["/api/auth/callback/polar", "/api/auth/callback/polar-organization"];

export const clients: SeedClient[] = [
  {
    client_id: LOCAL_CLIENT.id,
    client_secret: LOCAL_CLIENT.secret,
    client_name: "Sign in with Polar (local)",
    token_endpoint_auth_method: "client_secret_post",
    redirect_paths: REDIRECT_PATHS,
    scope: APP_SCOPES,
  },
  {
    client_id: PUBLIC_CLIENT_ID,
    client_secret: null,
    client_name: "Sign in with Polar (public client)",
    token_endpoint_auth_method: "none",
    redirect_paths: REDIRECT_PATHS,
    scope: APP_SCOPES,
  },
];

// ---------------------------------------------------------------------------
// Catalogue: products, customers, subscriptions and orders per organization.
// Generated from fixed inputs with a fixed random seed, so ids and amounts are
// the same on every start; dates are relative to the start so dashboards
// always show recent activity.
// ---------------------------------------------------------------------------

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

const DAY = 24 * 60 * 60 * 1000;
const STARTED = Date.now();

function daysAgo(days: number, minutes = 0): string {
  return new Date(STARTED - days * DAY - minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function addInterval(iso: string, interval: "month" | "year"): string {
  const date = new Date(iso);
  if (interval === "month") date.setUTCMonth(date.getUTCMonth() + 1);
  else date.setUTCFullYear(date.getUTCFullYear() + 1);
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

// Stable UUID4-shaped ids: hex of a string hash, with the version and variant bits set.
function stableId(key: string): string {
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

type ProductInput = [
  name: string,
  description: string | null,
  interval: "month" | "year" | null,
  amount: number,
  options?: { custom?: boolean; private?: boolean; archived?: boolean },
];

const CATALOGUE: Record<string, ProductInput[]> = {
  [ACME_ID]: [
    ["Starter", "Dashboards for one project, 5 seats, 30 days of history.", "month", 1900],
    ["Pro", "Unlimited projects, 20 seats, one year of history and alerts.", "month", 4900],
    ["Pro (yearly)", "Pro, billed yearly: two months free.", "year", 49000],
    ["Team", "Everything in Pro for up to 100 seats, SSO and audit log.", "month", 14900],
    ["Data Export Add-on", "Nightly exports to S3, GCS or BigQuery.", "month", 900],
    ["Analytics Handbook (eBook)", "120 pages on instrumenting a product, PDF and EPUB.", null, 2900],
    ["Dashboard Templates Pack", "32 ready-made dashboards for SaaS, e-commerce and media.", null, 5900],
    ["Onboarding Workshop", "A half-day remote workshop with an Acme analyst.", null, 40000],
    ["API Credits 10k", "10,000 query API credits, valid for 12 months.", null, 9900],
    ["Community Supporter", "Pay what you want to support the open-source SDKs.", null, 500, { custom: true }],
    ["Enterprise Pilot", "A 60-day pilot with a dedicated success engineer.", null, 250000, { private: true }],
    ["Legacy Basic", "The 2023 plan, kept for existing customers.", "month", 900, { archived: true }],
  ],
  [NEBULA_ID]: [
    ["Nebula Cloud Hobby", "One workspace, community support.", "month", 1200],
    ["Nebula Cloud Pro", "Unlimited workspaces and priority builds.", "month", 3900],
    ["Starmap SDK License", "Perpetual license for one commercial app.", null, 19900],
    ["Priority Support", "Four-hour response time, shared Slack channel.", "month", 9900],
  ],
};

const FIRST_NAMES = ["Alan", "Barbara", "Claude", "Dorothy", "Edsger", "Frances", "Guido", "Hedy", "Ivan", "Jean", "Ken", "Lynn", "Margaret", "Niklaus", "Radia", "Sophie", "Tim", "Ursula", "Vint", "Whitfield", "Xiao", "Yukihiro", "Zhang", "Adele", "Bjarne", "Carol", "Dennis", "Evelyn"];
const LAST_NAMES = ["Turing", "Liskov", "Shannon", "Vaughan", "Dijkstra", "Allen", "van Rossum", "Lamarr", "Sutherland", "Sammet", "Thompson", "Conway", "Hamilton", "Wirth", "Perlman", "Wilson", "Berners-Lee", "Franklin", "Cerf", "Diffie", "Wei", "Matsumoto", "Lin", "Goldberg", "Stroustrup", "Shaw", "Ritchie", "Berezin"];
const PLACES: [string, string][] = [["GB", "London"], ["US", "San Francisco"], ["DE", "Berlin"], ["FR", "Paris"], ["SE", "Stockholm"], ["NL", "Amsterdam"], ["JP", "Tokyo"], ["CA", "Toronto"], ["ES", "Madrid"], ["AU", "Sydney"]];

const CUSTOMER_COUNT: Record<string, number> = { [ACME_ID]: 26, [NEBULA_ID]: 9 };

export const products: SeedProduct[] = [];
export const customers: SeedCustomer[] = [];
export const subscriptions: SeedSubscription[] = [];
export const orders: SeedOrder[] = [];

for (const org of organizations) {
  const rand = random(org.slug.length * 7919 + org.name.charCodeAt(0));
  const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)] as T;

  (CATALOGUE[org.id] ?? []).forEach(([name, description, interval, amount, options = {}], index) => {
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

  const orgProducts = products.filter((product) => product.organization_id === org.id && !product.is_archived);
  const recurring = orgProducts.filter((product) => product.recurring_interval !== null);
  const oneTime = orgProducts.filter((product) => product.recurring_interval === null && product.visibility === "public");
  let invoice = 1;

  for (let i = 0; i < (CUSTOMER_COUNT[org.id] ?? 0); i++) {
    const first = FIRST_NAMES[(i * 7 + org.slug.length) % FIRST_NAMES.length] ?? "Alex";
    const last = LAST_NAMES[(i * 11 + 3) % LAST_NAMES.length] ?? "Doe";
    const [country, city] = PLACES[i % PLACES.length] ?? ["US", "New York"];
    const customer: SeedCustomer = {
      id: stableId(`customer:${org.id}:${i}`),
      organization_id: org.id,
      name: `${first} ${last}`,
      email: `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, "") + `@example.${i % 3 === 0 ? "org" : "com"}`,
      country,
      city,
      external_id: i % 4 === 0 ? `user_${1000 + i}` : null,
      created_at: daysAgo(Math.floor(300 - i * (280 / (CUSTOMER_COUNT[org.id] ?? 1))), i * 37),
    };
    customers.push(customer);
    const customerAge = (STARTED - Date.parse(customer.created_at)) / DAY;

    const addOrder = (product: SeedProduct, created: string, reason: SeedOrder["billing_reason"], subscriptionId: string | null) => {
      const price = product.prices[0] as SeedPrice;
      const subtotal = price.amount_type === "custom" ? price.minimum_amount * (1 + Math.floor(rand() * 4)) : price.price_amount;
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
      const status: SeedSubscription["status"] = roll < 0.1 ? "canceled" : roll < 0.16 ? "past_due" : roll < 0.22 ? "trialing" : "active";
      const subscriptionId = stableId(`subscription:${org.id}:${i}`);
      const canceledAt = status === "canceled" ? daysAgo(Math.max(1, Math.floor(customerAge / 3))) : null;
      const stop = canceledAt ? Date.parse(canceledAt) : STARTED;
      let periodStart = started;
      while (Date.parse(addInterval(periodStart, interval)) < stop) periodStart = addInterval(periodStart, interval);
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
