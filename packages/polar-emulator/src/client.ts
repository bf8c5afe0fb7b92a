// The OAuth clients the emulator knows. The app reads LOCAL_CLIENT's credentials
// from the environment like any other Polar client's: `npm run dev` and the
// tests set POLAR_CLIENT_ID and POLAR_CLIENT_SECRET from here.

/** The confidential client the app signs in with (client_secret_post or _basic). */
export const LOCAL_CLIENT = {
  id: "polar_ci_emulator_local_client",
  // Keeps a "-" so secret scanners don't take it for a real polar_cs_ secret.
  secret: "polar_cs_emulator-local-secret",
} as const;

/** A public client (no secret, PKCE only), for conformance tests. */
export const PUBLIC_CLIENT_ID = "polar_ci_emulator_public_client";
