// Private endpoints of Polar's API (tag "private": not in @polar-sh/sdk, which
// ships no model for them), served because they are where organization roles
// show: the members list (`members:read`, which `finance` lacks), an
// organization's account (`finance:read`, which `member` lacks) behind
// organization-path guards that answer 403, and the payouts list, which filters
// out the organizations whose role lacks `finance:read`. Shapes from
// user_organization/schemas.py OrganizationMember, account/schemas.py Account,
// payout/schemas.py Payout and kit/pagination.py ListResource.
import type { models } from "@polar-sh/sdk/2026-10";
import { stableId, type SeedOrder } from "../data/catalogue.ts";
import type { Dataset } from "../data/dataset.ts";
import type { SeedOrganization } from "../data/seed.ts";
import { currentMembers } from "../memberships.ts";
import type { OrganizationRole } from "../permissions.ts";
import type { EmulatorState } from "../state.ts";
import { notFound } from "./errors.ts";
import { paginate, uuidList } from "./query.ts";
import type { Resource } from "./resource.ts";

interface ListResource<T> {
  items: T[];
  pagination: models.Pagination;
}

/** user_organization/schemas.py OrganizationMember. */
interface OrganizationMember {
  user_id: string;
  created_at: string;
  email: string;
  avatar_url: string | null;
  role: OrganizationRole;
}

/** account/schemas.py Account. */
interface Account {
  created_at: string;
  modified_at: string | null;
  id: string;
  billing_name: string | null;
  billing_address: {
    line1: null;
    line2: null;
    postal_code: null;
    city: null;
    state: null;
    country: string;
  } | null;
  billing_additional_info: string | null;
  billing_notes: string | null;
  currency: string;
  credit_balance: number;
  /** Seconds (settings.ACCOUNT_DEFAULT_PAYOUT_INTERVAL, 24 h). */
  payout_interval: number;
  /** An ISO 8601 duration, as pydantic writes a timedelta (7 days by default). */
  payout_transaction_delay: string;
}

/** payout/schemas.py Payout. */
interface Payout {
  created_at: string;
  modified_at: string | null;
  id: string;
  processor: "stripe" | "manual";
  status: "pending" | "in_transit" | "succeeded" | "failed" | "canceled" | "held";
  paid_at: string | null;
  currency: string;
  amount: number;
  fees_amount: number;
  gross_amount: number;
  account_currency: string;
  account_amount: number;
  account_id: string;
  invoice_number: string | null;
  is_invoice_generated: boolean;
  transaction_id: string;
  fees_transactions: never[];
  attempts: never[];
}

/** An organization that went through onboarding has an account (the seed's: a website). */
const accountId = (org: SeedOrganization) =>
  org.website === null ? undefined : stableId(`account:${org.id}`);

function serializeAccount(org: SeedOrganization, id: string): Account {
  return {
    created_at: org.created_at,
    modified_at: null,
    id,
    billing_name: org.name,
    billing_address: {
      line1: null,
      line2: null,
      postal_code: null,
      city: null,
      state: null,
      country: org.country,
    },
    billing_additional_info: null,
    billing_notes: null,
    currency: "usd",
    credit_balance: 0,
    payout_interval: 86_400,
    payout_transaction_delay: "P7D",
  };
}

const platformFee = (order: SeedOrder) => Math.round(order.subtotal_amount * 0.04) + 40;

/** One succeeded payout per past month with sales, of that month's paid orders less Polar's fees. */
function payoutsOf(org: SeedOrganization, data: Dataset, now = new Date()): Payout[] {
  const account = accountId(org);
  if (!account) return [];
  const thisMonth = now.toISOString().slice(0, 7);
  const byMonth = new Map<string, SeedOrder[]>();
  for (const order of data.orders) {
    const month = order.created_at.slice(0, 7);
    if (order.organization_id !== org.id || order.status === "refunded" || month >= thisMonth) continue;
    byMonth.set(month, [...(byMonth.get(month) ?? []), order]);
  }
  return [...byMonth].map(([month, orders]) => {
    const gross = orders.reduce((sum, order) => sum + order.subtotal_amount, 0);
    const fees = orders.reduce((sum, order) => sum + platformFee(order), 0);
    const [year, monthNumber] = month.split("-").map(Number);
    const paidAt = new Date(Date.UTC(year ?? 0, monthNumber ?? 1, 3, 9)).toISOString().replace(".000Z", "Z");
    return {
      created_at: paidAt,
      modified_at: null,
      id: stableId(`payout:${org.id}:${month}`),
      processor: "stripe",
      status: "succeeded",
      paid_at: paidAt,
      currency: "usd",
      amount: gross - fees,
      fees_amount: fees,
      gross_amount: gross,
      account_currency: "usd",
      account_amount: gross - fees,
      account_id: account,
      invoice_number: null,
      is_invoice_generated: false,
      transaction_id: stableId(`payout-transaction:${org.id}:${month}`),
      fees_transactions: [],
      attempts: [],
    };
  });
}

function organizationOf(data: Dataset, id: string | undefined): SeedOrganization {
  const org = id ? data.findOrganization(id) : undefined;
  if (!org) throw notFound();
  return org;
}

export const financeAndMemberResources: Resource[] = [
  {
    method: "GET",
    pattern: /^\/v1\/organizations\/([^/]+)\/members$/,
    scopes: ["organizations:read", "organizations:write"],
    guard: "members:read",
    handle: (_auth, _query, [id], data, state: EmulatorState) => {
      const org = organizationOf(data, id);
      const items = currentMembers(state, org.id).map((userId): OrganizationMember => {
        const user = data.findUser(userId);
        return {
          user_id: userId,
          created_at: org.created_at,
          email: user?.email ?? "",
          avatar_url: user?.avatar_url ?? null,
          role: data.roleOf(userId, org.id) ?? "member",
        };
      });
      return {
        items,
        pagination: { total_count: items.length, max_page: 1 },
      } satisfies ListResource<OrganizationMember>;
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/organizations\/([^/]+)\/account$/,
    scopes: ["transactions:read", "transactions:write", "payouts:read", "payouts:write"],
    guard: "finance:read",
    handle: (_auth, _query, [id], data) => {
      const org = organizationOf(data, id);
      const account = accountId(org);
      if (!account) throw notFound();
      return serializeAccount(org, account);
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/payouts\/?$/,
    scopes: ["payouts:read"],
    subjects: ["user"],
    permission: "finance:read",
    handle: (auth, query, _params, data) => {
      const accounts = uuidList(query, "account_id");
      const statuses = query.getAll("status");
      const rows = auth.organizationIds
        .flatMap((id) => {
          const org = data.findOrganization(id);
          return org ? payoutsOf(org, data) : [];
        })
        .filter(
          (payout) =>
            (!accounts || accounts.includes(payout.account_id)) &&
            (statuses.length === 0 || statuses.includes(payout.status)),
        );
      return paginate(
        query,
        rows,
        {
          created_at: (p) => p.created_at,
          amount: (p) => p.amount,
          fees_amount: (p) => p.fees_amount,
          status: (p) => p.status,
          // The emulator's payouts have no payout account of their own: its account stands in.
          payout_account_id: (p) => p.account_id,
        },
        "-created_at",
      ) satisfies ListResource<Payout>;
    },
  },
];
