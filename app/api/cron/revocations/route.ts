// Called by Vercel Cron (vercel.json `crons`): sends the revocations Polar has
// not confirmed yet again (lib/grants/revocation-outbox.ts).
import { retryRevocations } from "@/lib/grants/revocation-outbox";
import { isCronRequest } from "@/lib/security/cron-request";

// Batches start for 40 s; each ends within Polar's 15 s to answer.
export const maxDuration = 60;
const BATCHES_FOR_MS = 40_000;

export async function GET(request: Request) {
  if (!isCronRequest(request)) return new Response("Unauthorized", { status: 401 });
  return Response.json(await retryRevocations(Date.now() + BATCHES_FOR_MS));
}
