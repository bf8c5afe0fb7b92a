import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";

/** Where a Polar grant lives: the sign-in Account or an OrganizationConnection. */
export type GrantTable = "Account" | "OrganizationConnection";

/** A grant's row as the code that changes its tokens reads it. */
export interface GrantRow {
  id: string;
  /** The owner, which the encryption extension binds the tokens to: every write's `where` carries it. */
  userId: string;
  organizationId?: string;
  access_token: string | null;
  refresh_token: string | null;
  expires_at: number | null;
  scope: string | null;
  needsReconnect: boolean;
  refreshedAt: Date | null;
  grantLeaseId: string | null;
}

export type GrantOwner = Pick<GrantRow, "userId" | "organizationId">;

/** What may be written to a grant's row of `table`. */
export type GrantData<T extends GrantTable> = T extends "Account"
  ? Prisma.AccountUpdateManyMutationInput
  : Prisma.OrganizationConnectionUpdateManyMutationInput;

const select = {
  id: true,
  userId: true,
  access_token: true,
  refresh_token: true,
  expires_at: true,
  scope: true,
  needsReconnect: true,
  refreshedAt: true,
  grantLeaseId: true,
} as const;

/** One plain read: never waits on a lock, whoever holds one on the row. */
export function readGrant(table: GrantTable, id: string): Promise<GrantRow | null> {
  return table === "Account"
    ? db.account.findUnique({ where: { id }, select })
    : db.organizationConnection.findUnique({ where: { id }, select: { ...select, organizationId: true } });
}

/** The owner columns of `table`, for a write's `where`. */
export function ownerWhere(table: GrantTable, { userId, organizationId }: GrantOwner) {
  return table === "Account" ? { userId } : { userId, organizationId };
}
