// The two OAuth flows this app runs against Polar with one OAuth client. Each
// flow's id names its Auth.js provider, the last segment of its redirect URI
// (/api/auth/callback/<id>) and the Account.provider of the grants it stores.

/** sub_type=user signs the person in; sub_type=organization connects one organization. */
export type PolarSubjectType = "user" | "organization";

export const USER_PROVIDER_ID = "polar";
export const ORGANIZATION_PROVIDER_ID = "polar-organization";
