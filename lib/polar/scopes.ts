// The OAuth scopes this app asks Polar for, in one place: what signing in asks
// for, what connecting an organization asks for, and which scope each read of
// an organization needs. The OAuth flows (lib/auth/polar-provider.ts), the
// loaders (lib/dashboard/), the "permission needed" notice and the emulator's
// local client are derived from it; your OAuth client in Polar must allow
// every scope here. Plain data: the emulator imports it too.

/** The scope each read of an organization needs (its resource's :write scope includes it). */
export const READ_SCOPES = {
  organization: "organizations:read",
  metrics: "metrics:read",
  orders: "orders:read",
  subscriptions: "subscriptions:read",
  products: "products:read",
  customers: "customers:read",
} as const;

export type ReadScope = (typeof READ_SCOPES)[keyof typeof READ_SCOPES];

/** Polar's names for them on its consent page (its Scope enum's display names). */
export const READ_SCOPE_NAMES: Record<ReadScope, string> = {
  "organizations:read": "Read your organizations",
  "metrics:read": "Read metrics",
  "orders:read": "Read orders made on your organizations",
  "subscriptions:read": "Read subscriptions made on your organizations",
  "products:read": "Read products",
  "customers:read": "Read customers",
};

/** "Sign in with Polar" (sub_type=user): who the person is, and their organizations. */
export const SIGN_IN_SCOPES = ["openid", "profile", "email", READ_SCOPES.organization];

/** Connecting an organization (sub_type=organization): every read of the dashboard. */
export const CONNECT_SCOPES = ["openid", ...new Set(Object.values(READ_SCOPES))];
