// Organization roles and what each may do, on top of the token's scopes
// (auth/permission.py `OrganizationPermission`, `ROLE_PERMISSIONS`,
// `PERMISSION_DENIED_MESSAGE`). `owner` and `admin` hold the same
// permissions; `member` everything but organization, member and finance
// management and finance reads; `finance` the reads of products, customers,
// custom fields, sales and analytics, finance reads, and sales management.
export type OrganizationRole = "member" | "admin" | "owner" | "finance";

export type Permission =
  | "organization:manage"
  | "members:read"
  | "members:manage"
  | "products:read"
  | "products:manage"
  | "custom_fields:read"
  | "custom_fields:manage"
  | "customers:read"
  | "customers:manage"
  | "sales:read"
  | "sales:manage"
  | "analytics:read"
  | "analytics:manage"
  | "events:ingest"
  | "finance:read"
  | "finance:manage";

const ADMIN_ONLY: Permission[] = ["organization:manage", "members:manage", "finance:read", "finance:manage"];

const MEMBER: Permission[] = [
  "members:read",
  "products:read",
  "products:manage",
  "custom_fields:read",
  "custom_fields:manage",
  "customers:read",
  "customers:manage",
  "sales:read",
  "sales:manage",
  "analytics:read",
  "analytics:manage",
  "events:ingest",
];

const FINANCE: Permission[] = [
  "sales:read",
  "sales:manage",
  "finance:read",
  "customers:read",
  "products:read",
  "custom_fields:read",
  "analytics:read",
];

export const ROLE_PERMISSIONS: Readonly<Record<OrganizationRole, ReadonlySet<Permission>>> = {
  member: new Set(MEMBER),
  admin: new Set([...MEMBER, ...ADMIN_ONLY]),
  owner: new Set([...MEMBER, ...ADMIN_ONLY]),
  finance: new Set(FINANCE),
};

/** The NotPermitted detail for a permission the role lacks (those the emulator's guards check). */
export const PERMISSION_DENIED_MESSAGE: Readonly<Partial<Record<Permission, string>>> = {
  "members:read": "You don't have permission to view members",
  "finance:read": "You don't have permission to access financial data",
};
