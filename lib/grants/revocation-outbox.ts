// The revocation outbox. Ending a grant (sign-out, disconnect, a replaced or
// unsaved grant) revokes its token at Polar; when Polar cannot be reached or
// answers with a failure that may pass (5xx, 429, a timeout), the token goes to
// the RevocationOutbox table, encrypted like every token, and is sent again
// with backoff until Polar answers: after the responses of dashboard requests
// (at most once a minute per server instance) and from the cron route
// (app/api/cron/revocations/route.ts). An answer that can never succeed (a 4xx
// such as invalid_client) is logged and the token dropped.
import "server-only";
import { randomUUID } from "node:crypto";
import { after } from "next/server";
import type { TokenTypeHint } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { revokeToken, TOKEN_REQUEST_TIMEOUT_MS } from "@/lib/polar/oauth";
import { throttled } from "@/lib/throttle";

const FIRST_RETRY_SECONDS = 30;
const MAX_RETRY_SECONDS = 3600;
/**
 * How long a claimed row is left alone: its attempt ends (Polar answers or the
 * request times out) well inside it, so no other instance sends it meanwhile.
 */
const CLAIM_SECONDS = TOKEN_REQUEST_TIMEOUT_MS / 1000 + 15;
const BATCH_SIZE = 20;
const AFTER_RESPONSE_INTERVAL_MS = 60_000;

/** The wait after the `attempts`-th failed attempt: 30 s, doubling, at most an hour. */
export const retryDelaySeconds = (attempts: number) =>
  Math.min(FIRST_RETRY_SECONDS * 2 ** (attempts - 1), MAX_RETRY_SECONDS);

const secondsFromNow = (seconds: number) => new Date(Date.now() + seconds * 1000);

/** Polar answered a 4xx other than 408 and 429: it will answer the same every time. */
function refused(error: unknown) {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/**
 * Why an attempt failed: the HTTP status and OAuth error code, or the network
 * error. revokeToken's errors hold no token (lib/security/token-free-error.ts).
 */
function failureOf(error: unknown) {
  const {
    status,
    error: code,
    name,
    message,
    cause,
  } = error as Error & {
    status?: number;
    error?: string;
    cause?: { code?: string };
  };
  const answer = [status, code].filter(Boolean).join(" ");
  return `${answer ? `${answer}, ` : ""}${name}: ${message}${cause?.code ? ` (${cause.code})` : ""}`;
}

function logDropped(what: string, error: unknown) {
  console.error(
    `[revocations] Polar refused to revoke ${what} (${failureOf(error)}): sending it again cannot succeed, so it is dropped and stays valid at Polar until it expires.`,
  );
}

/**
 * Revokes `token` at Polar. If that fails in a way that may pass, the token is
 * stored in the outbox to be sent again later; `what` names it in the log
 * (never the token itself).
 */
export async function revokeOrQueue(token: string, hint: TokenTypeHint, what: string) {
  try {
    await revokeToken(token, hint);
  } catch (error) {
    if (refused(error)) return logDropped(`${what} (${hint})`, error);
    const id = randomUUID();
    const lastError = failureOf(error);
    await db.revocationOutbox.create({
      data: {
        id,
        token,
        tokenTypeHint: hint,
        attempts: 1,
        nextAttemptAt: secondsFromNow(retryDelaySeconds(1)),
        lastError,
      },
    });
    console.warn(
      `[revocations] Polar did not revoke ${what} (${hint}): ${lastError}. Queued to be sent again (outbox ${id}).`,
    );
  }
}

/**
 * Claims up to `limit` due rows in one statement: each one's attempt is
 * counted and its next attempt moved CLAIM_SECONDS ahead. Rows another
 * transaction has locked are skipped, not waited for (SKIP LOCKED), so two
 * instances never claim one row, and no session lock is taken (it works
 * through a transaction pooler).
 */
export async function claimDueRevocations(limit: number): Promise<string[]> {
  const claimed = await db.$queryRaw<{ id: string }[]>`
    UPDATE "RevocationOutbox"
    SET attempts = attempts + 1,
        "nextAttemptAt" = now() + make_interval(secs => ${CLAIM_SECONDS}::float8)
    WHERE id IN (
      SELECT id FROM "RevocationOutbox" WHERE "nextAttemptAt" <= now()
      ORDER BY "nextAttemptAt" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id`;
  return claimed.map(({ id }) => id);
}

type Outcome = "revoked" | "dropped" | "failed";

/** Sends one claimed row's token again; deletes the row unless the failure may pass. */
async function sendAgain(row: {
  id: string;
  token: string | null;
  tokenTypeHint: TokenTypeHint;
  attempts: number;
}): Promise<Outcome> {
  const forget = () => db.revocationOutbox.deleteMany({ where: { id: row.id } });
  // Undecryptable (a lost key, a tampered row; logged by the encryption extension): nothing to send.
  if (row.token === null) {
    await forget();
    return "dropped";
  }
  try {
    await revokeToken(row.token, row.tokenTypeHint);
  } catch (error) {
    if (refused(error)) {
      logDropped(`outbox ${row.id} (${row.tokenTypeHint})`, error);
      await forget();
      return "dropped";
    }
    await db.revocationOutbox.updateMany({
      where: { id: row.id },
      data: { lastError: failureOf(error), nextAttemptAt: secondsFromNow(retryDelaySeconds(row.attempts)) },
    });
    return "failed";
  }
  await forget();
  return "revoked";
}

/**
 * Sends the due outbox rows again, a batch at a time, until none is due, or
 * `deadline` (epoch ms) has passed, or after one batch without a deadline.
 * Counts what happened.
 */
export async function retryRevocations(deadline?: number) {
  const counts: Record<Outcome, number> = { revoked: 0, dropped: 0, failed: 0 };
  do {
    const ids = await claimDueRevocations(BATCH_SIZE);
    if (!ids.length) break;
    const rows = await db.revocationOutbox.findMany({
      where: { id: { in: ids } },
      select: { id: true, token: true, tokenTypeHint: true, attempts: true },
    });
    for (const outcome of await Promise.all(rows.map(sendAgain))) counts[outcome]++;
    if (ids.length < BATCH_SIZE) break;
  } while (deadline !== undefined && Date.now() < deadline);
  if (counts.revoked || counts.dropped || counts.failed) {
    console.log(
      `[revocations] outbox: ${counts.revoked} revoked, ${counts.dropped} dropped, ${counts.failed} to send again`,
    );
  }
  return counts;
}

/**
 * Sends one batch of due outbox rows again after the current response, at most
 * once a minute per server instance. Costs the request nothing.
 */
export const retryRevocationsAfterResponse = throttled(AFTER_RESPONSE_INTERVAL_MS, () =>
  after(() =>
    retryRevocations().then(
      () => undefined,
      (error: unknown) =>
        console.error(`[revocations] outbox retry failed: ${error instanceof Error ? error.message : error}`),
    ),
  ),
);
