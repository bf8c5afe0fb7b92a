import { expect } from "@playwright/test";
import { e2eEnv } from "./env";

/** Calls one of the emulator's test controls (`/__emulator/...`). */
export async function emulatorControl(path: string, body?: unknown) {
  const response = await fetch(`${e2eEnv.POLAR_EMULATOR_URL}/__emulator/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `emulator control ${path}`).toBe(true);
  return response.json();
}

export async function refreshCount(): Promise<number> {
  const stats = await emulatorControl("stats");
  return stats.token?.refresh_token ?? 0;
}

/** Exchanges a refresh token at the emulator the way the app would. */
export async function refreshAtEmulator(refreshToken: string) {
  const response = await fetch(`${e2eEnv.POLAR_EMULATOR_URL}/v1/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "refresh_token",
      refresh_token: refreshToken,
      client_id: "polar_ci_emulator_local_client",
      client_secret: "polar_cs_emulator-local-secret",
    }),
  });
  return { status: response.status, body: await response.json() };
}
