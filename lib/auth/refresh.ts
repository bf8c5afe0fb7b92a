import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { subjectTypeOf } from "./grant-tokens";
import { REFRESH_TIMEOUT_MS, isGrantRejected, refreshTokens, type PolarTokens } from "@/lib/polar/oauth";

/** Refresh this long before Polar's expiry, so a token never expires mid-request. */
export const REFRESH_MARGIN_SECONDS = 60;

/** Where a Polar grant lives: the sign-in Account or an OrganizationConnection. */
export type GrantTable = "Account" | "OrganizationConnection";

interface GrantRow {
  userId: string;
  organizationId?: string;
  access_token: string | null;
  refresh_token: string | null;
  expires_at: number | null;
  needsReconnect: boolean;
  refreshedAt: Date | null;
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

const select = {
  access_token: true,
  refresh_token: true,
  expires_at: true,
  needsReconnect: true,
  refreshedAt: true,
} as const;

// With the row's owner, which the encryption extension binds its tokens to.
function load(client: Tx | typeof db, table: GrantTable, id: string): Promise<GrantRow | null> {
  return table === "Account"
    ? client.account.findUnique({ where: { id }, select: { ...select, userId: true } })
    : client.organizationConnection.findUnique({ where: { id }, select: { ...select, userId: true, organizationId: true } });
}

type GrantUpdate = { [K in keyof PolarTokens]?: PolarTokens[K] | null } & {
  needsReconnect?: boolean;
  subjectType?: string;
  refreshedAt?: Date;
};

async function save(tx: Tx, table: GrantTable, id: string, { userId, organizationId }: GrantRow, data: GrantUpdate) {
  if (table === "Account") await tx.account.update({ where: { id, userId }, data });
  else await tx.organizationConnection.update({ where: { id, userId, organizationId }, data });
}

function isFresh(row: GrantRow) {
  return (
    row.access_token !== null &&
    (row.expires_at === null || row.expires_at - REFRESH_MARGIN_SECONDS > Date.now() / 1000)
  );
}

/**
 * A usable access token for the grant, or null when Polar refused it and the
 * user must reconnect.
 *
 * Polar rotates refresh tokens with no grace period: of two refreshes of the
 * same token, one fails and would cost the grant. So a refresh happens only
 * under a row lock (SELECT ... FOR UPDATE), which serialises it across requests
 * and server instances; whoever waited re-reads the row and, if it was
 * refreshed meanwhile, reuses the new token. The new tokens are committed
 * before any of them is used.
 */
export async function freshAccessToken(table: GrantTable, id: string): Promise<string | null> {
  const row = await load(db, table, id);
  if (!row || row.needsReconnect) return null;
  if (isFresh(row)) return row.access_token;

  return db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM ${Prisma.raw(`"${table}"`)} WHERE id = ${id} FOR UPDATE`;
      const current = await load(tx, table, id);
      if (!current || current.needsReconnect) return null;
      const refreshedMeanwhile = current.refreshedAt?.getTime() !== row.refreshedAt?.getTime();
      if (current.access_token && (refreshedMeanwhile || isFresh(current))) return current.access_token;
      if (!current.refresh_token) {
        await save(tx, table, id, current, { needsReconnect: true });
        return null;
      }
      let tokens: PolarTokens;
      try {
        tokens = await refreshTokens(current.refresh_token);
      } catch (error) {
        if (!isGrantRejected(error)) throw error;
        await save(tx, table, id, current, { needsReconnect: true, access_token: null, refresh_token: null });
        return null;
      }
      await save(tx, table, id, current, {
        ...tokens,
        // Polar may not send a new refresh token; then the old one stays valid.
        refresh_token: tokens.refresh_token ?? current.refresh_token,
        id_token: tokens.id_token ?? undefined,
        subjectType: subjectTypeOf(tokens.access_token),
        refreshedAt: new Date(),
      });
      return tokens.access_token;
    },
    // Waiting for the lock can take a whole refresh; the refresh itself gives up
    // after REFRESH_TIMEOUT_MS, long before this transaction would.
    { maxWait: 20_000, timeout: REFRESH_TIMEOUT_MS * 3 },
  );
}

/**
 * After Polar answered 401 to `rejected`: the token another request stored
 * meanwhile, if there is one. Polar revokes the old access token the moment a
 * refresh rotates the grant, so a request that read the token just before a
 * concurrent refresh holds a dead one; the stored successor works.
 */
export async function accessTokenReplacing(table: GrantTable, id: string, rejected: string): Promise<string | null> {
  const row = await load(db, table, id);
  return row?.access_token && row.access_token !== rejected && !row.needsReconnect ? row.access_token : null;
}
