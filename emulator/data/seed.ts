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
    members: [ADA_ID],
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

const APP_SCOPES =
  "openid profile email organizations:read products:read orders:read customers:read subscriptions:read metrics:read";

const REDIRECT_PATHS = ["/api/auth/callback/polar", "/api/auth/callback/polar-organization"];

export const clients: SeedClient[] = [
  {
    client_id: "polar_ci_emulator_local_client",
    // Keeps a "-" so secret scanners don't take it for a real polar_cs_ secret.
    client_secret: "polar_cs_emulator-local-secret",
    client_name: "Sign in with Polar (local)",
    token_endpoint_auth_method: "client_secret_post",
    redirect_paths: REDIRECT_PATHS,
    scope: APP_SCOPES,
  },
  {
    client_id: "polar_ci_emulator_public_client",
    client_secret: null,
    client_name: "Sign in with Polar (public client)",
    token_endpoint_auth_method: "none",
    redirect_paths: REDIRECT_PATHS,
    scope: APP_SCOPES,
  },
];
