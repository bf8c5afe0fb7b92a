/**
 * The Auth.js provider ids of the two Polar flows, as in /api/auth/signin/<id>
 * and /api/auth/callback/<id>. A module of its own so that scripts outside
 * Next (the benchmarks' HTTP sign-in) can name them too.
 */
export const USER_PROVIDER_ID = "polar";
export const ORGANIZATION_PROVIDER_ID = "polar-organization";
