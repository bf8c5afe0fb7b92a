import "server-only";
import { retryRevocations } from "@/lib/grants/revocation-outbox";
import { isCronRequest } from "@/lib/security/cron-request";

/** How long a run sends batches; each ends within Polar's 15 s to answer, inside the route's 60 s. */
const BATCHES_FOR_MS = 40_000;

/**
 * What Vercel Cron calls (vercel.json `crons`, /api/cron/revocations): sends
 * the revocations Polar has not confirmed yet again (lib/grants/revocation-outbox.ts).
 */
export async function revocationCron(request: Request) {
  if (!isCronRequest(request)) return new Response("Unauthorized", { status: 401 });
  return Response.json(await retryRevocations(Date.now() + BATCHES_FOR_MS));
}
