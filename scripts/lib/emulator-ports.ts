// The ports `npm run dev` gives the emulator's two origins.

const DEFAULT_WEB_PORT = "4111";

/**
 * EMULATOR_PORT (default 4111) for the web origin, and EMULATOR_API_PORT, by
 * default the next port, for the API origin: moving EMULATOR_PORT moves both,
 * so two checkouts side by side never share one. Port 0 (any free port) stays
 * 0 for both. A malformed EMULATOR_PORT is passed on for the emulator to refuse.
 */
export function emulatorPorts(env: Record<string, string | undefined>) {
  const web = env.EMULATOR_PORT || DEFAULT_WEB_PORT;
  if (env.EMULATOR_API_PORT) return { EMULATOR_PORT: web, EMULATOR_API_PORT: env.EMULATOR_API_PORT };
  if (!/^\d+$/.test(web)) return { EMULATOR_PORT: web };
  const port = Number(web);
  return { EMULATOR_PORT: web, EMULATOR_API_PORT: String(port === 0 ? 0 : port + 1) };
}
