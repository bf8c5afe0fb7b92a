// The emulator's request log must not carry what an attacker could use: OAuth
// codes, `state`, tokens, client secrets, PKCE verifiers (a log is copied into
// CI artifacts and bug reports). Every line goes through `redactSecrets`:
// query strings are cut from URLs, Polar-prefixed credentials and the values of
// the OAuth parameters that carry secrets are replaced.

// oauth2/constants.py prefixes: codes, access and refresh tokens, client secrets and registration tokens.
const POLAR_CREDENTIAL = /\bpolar_(ac|at_[uo]|rt_[uo]|cs|crt)_[\w-]+/g;
const SECRET_PARAMETER =
  /\b(code|state|token|access_token|refresh_token|id_token|client_secret|code_verifier|registration_access_token|session_token)=[^&\s"']+/g;
const QUERY = /(\/[^\s?"']*)\?[^\s"']*/g;

export function redactSecrets(line: string): string {
  return line
    .replace(QUERY, "$1?…")
    .replace(SECRET_PARAMETER, "$1=[redacted]")
    .replace(POLAR_CREDENTIAL, "polar_$1_[redacted]");
}

/** The emulator's log: each line redacted and prefixed, or nothing when quiet. */
export function createLog(quiet: boolean): (line: string) => void {
  if (quiet) return () => {};
  return (line) => console.log(`[polar-emulator] ${redactSecrets(line)}`);
}
