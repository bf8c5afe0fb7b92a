import { LOCAL_CLIENT, PUBLIC_CLIENT_ID } from "../client.ts";
import type { OrganizationRole } from "../permissions.ts";
import { CONNECT_SCOPES, READ_SCOPES, SIGN_IN_SCOPES } from "../../../../lib/polar/scopes.ts";

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

/** A membership: the user and their role in the organization (models/user_organization.py). */
export interface SeedMember {
  userId: string;
  role: OrganizationRole;
}

export interface SeedOrganization {
  id: string;
  name: string;
  slug: string;
  email: string | null;
  website: string | null;
  country: string;
  created_at: string;
  members: SeedMember[];
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
/** A member of no organization. */
export const MARGARET_ID = "e0b3d8c1-6a52-4f7e-b9d4-3c1a7f28e645";
/** A plain `member` of Nebula Labs: no finance reads. */
export const HEDY_ID = "7a1d3c5e-2b4f-4e6a-9c8d-0f1e2d3c4b5a";
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
  {
    id: MARGARET_ID,
    name: "Margaret Hamilton",
    email: "margaret@example.com",
    email_verified: true,
    avatar_url: null,
    created_at: "2025-02-11T16:03:58Z",
  },
  {
    id: HEDY_ID,
    name: "Hedy Lamarr",
    email: "hedy@example.com",
    email_verified: true,
    avatar_url: null,
    created_at: "2025-04-22T13:37:05Z",
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
    // One member: its legacy organization tokens become user tokens on refresh.
    members: [{ userId: ADA_ID, role: "owner" }],
  },
  {
    id: NEBULA_ID,
    name: "Nebula Labs",
    slug: "nebula-labs",
    email: "hello@nebula-labs.example",
    website: "https://nebula-labs.example",
    country: "US",
    created_at: "2024-09-12T11:02:37Z",
    // Several members: its legacy organization tokens stay organization tokens on
    // refresh. One of each role that lacks a read: finance (no members:read) and
    // member (no finance:read).
    members: [
      { userId: ADA_ID, role: "owner" },
      { userId: KATHERINE_ID, role: "finance" },
      { userId: HEDY_ID, role: "member" },
    ],
  },
  {
    id: COMPILER_CLUB_ID,
    name: "Compiler Club",
    slug: "compiler-club",
    email: null,
    website: null,
    country: "US",
    created_at: "2025-01-08T08:45:00Z",
    members: [{ userId: GRACE_ID, role: "owner" }],
  },
];

// What the app asks for (its scope map, lib/polar/scopes.ts), plus the
// matching write scopes so tests can check that Polar accepts a write scope
// where read is required, and payouts:read for the finance endpoints where
// roles show (api/finance-and-members.ts).
const APP_SCOPES = [
  ...new Set([...SIGN_IN_SCOPES, ...CONNECT_SCOPES]),
  ...Object.values(READ_SCOPES)
    .map((scope) => scope.replace(/:read$/, ":write"))
    .filter((scope) => scope !== "metrics:write"),
  "payouts:read",
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
// Catalogue: catalogue.ts generates each organization's products, customers,
// subscriptions and orders from these inputs.
// ---------------------------------------------------------------------------

/**
 * One product an organization sells, as catalogue.ts takes it: a `month` or
 * `year` interval for a subscription, null for a one-off purchase; `amount` in
 * cents. Options: `custom` pay what you want, `private` not listed publicly,
 * `archived` no longer sold.
 */
export type ProductInput = [
  name: string,
  description: string | null,
  interval: "month" | "year" | null,
  amount: number,
  options?: { custom?: boolean; private?: boolean; archived?: boolean },
];

/** What each seeded organization sells, and how many customers it has. */
export const SEED_CATALOGUE: Record<string, { products: ProductInput[]; customers: number }> = {
  [ACME_ID]: {
    customers: 26,
    products: [
      ["Starter", "Dashboards for one project, 5 seats, 30 days of history.", "month", 1900],
      ["Pro", "Unlimited projects, 20 seats, one year of history and alerts.", "month", 4900],
      ["Pro (yearly)", "Pro, billed yearly: two months free.", "year", 49000],
      ["Team", "Everything in Pro for up to 100 seats, SSO and audit log.", "month", 14900],
      ["Data Export Add-on", "Nightly exports to S3, GCS or BigQuery.", "month", 900],
      ["Analytics Handbook (eBook)", "120 pages on instrumenting a product, PDF and EPUB.", null, 2900],
      ["Dashboard Templates Pack", "32 ready-made dashboards for SaaS, e-commerce and media.", null, 5900],
      ["Onboarding Workshop", "A half-day remote workshop with an Acme analyst.", null, 40000],
      ["API Credits 10k", "10,000 query API credits, valid for 12 months.", null, 9900],
      [
        "Community Supporter",
        "Pay what you want to support the open-source SDKs.",
        null,
        500,
        { custom: true },
      ],
      [
        "Enterprise Pilot",
        "A 60-day pilot with a dedicated success engineer.",
        null,
        250000,
        { private: true },
      ],
      ["Legacy Basic", "The 2023 plan, kept for existing customers.", "month", 900, { archived: true }],
    ],
  },
  [NEBULA_ID]: {
    customers: 9,
    products: [
      ["Nebula Cloud Hobby", "One workspace, community support.", "month", 1200],
      ["Nebula Cloud Pro", "Unlimited workspaces and priority builds.", "month", 3900],
      ["Starmap SDK License", "Perpetual license for one commercial app.", null, 19900],
      ["Priority Support", "Four-hour response time, shared Slack channel.", "month", 9900],
    ],
  },
};
