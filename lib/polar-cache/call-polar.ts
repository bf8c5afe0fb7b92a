import "server-only";
import { polarApi, type PolarApi, type PolarCallOptions } from "@/lib/polar/client";
import { withinRequestBudget, type Requester } from "./request-budget";

/**
 * One request to Polar's API with an OAuth access token, within the request
 * budget for `requester`: every API call the app makes goes through here, so
 * the budget sees all of them. It may wait up to `maxWaitMs` for its turn.
 */
export function callPolar<T>(
  accessToken: string,
  requester: Requester,
  request: (polar: PolarApi) => Promise<T>,
  { maxWaitMs, ...options }: PolarCallOptions & { maxWaitMs?: number } = {},
) {
  // Built while the budget is asked, so the call leaves as soon as it may.
  const polar = polarApi(accessToken, options);
  return withinRequestBudget(requester, () => request(polar), maxWaitMs);
}
