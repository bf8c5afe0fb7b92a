import "server-only";
import { createPolar, type Polar } from "@polar-sh/sdk/2026-10";
import { withinRequestBudget } from "./request-budget";
import { polarServer } from "./server";

/**
 * One request to Polar's API with an OAuth access token (acting on
 * `organizationId` when given), within the app's request budget: every call
 * the app makes goes through here, so the budget sees all of them. It may
 * wait up to `maxWaitMs` for its turn (request-budget.ts).
 */
export function callPolar<T>(
  accessToken: string,
  organizationId: string | undefined,
  request: (polar: Polar) => Promise<T>,
  maxWaitMs?: number,
) {
  const polar = createPolar({ accessToken, organizationId, baseUrl: polarServer.apiUrl });
  return withinRequestBudget(() => request(polar), maxWaitMs);
}
