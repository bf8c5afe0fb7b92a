import { expect } from "@playwright/test";
import { control, oauthPost, refresh } from "polar-emulator/testing";
import { e2eEnv } from "../test-support/e2e-env";

/** Calls one of the emulator's test controls (`/__emulator/...`). */
export async function emulatorControl(path: string, body?: unknown) {
  const response = await control(e2eEnv.POLAR_EMULATOR_URL, path, body);
  expect(response.ok, `emulator control ${path}`).toBe(true);
  return response.json();
}

export async function refreshCount(): Promise<number> {
  const stats = await emulatorControl("stats");
  return stats.token?.refresh_token ?? 0;
}

/** Exchanges a refresh token at the emulator the way the app would. */
export async function refreshAtEmulator(refreshToken: string) {
  const response = await refresh(e2eEnv.POLAR_EMULATOR_URL, refreshToken);
  return { status: response.status, body: await response.json() };
}

/** Whether the emulator still accepts `token` (introspection, which changes nothing). */
export async function isLiveAtEmulator(token: string) {
  const response = await oauthPost(e2eEnv.POLAR_EMULATOR_URL, "/v1/oauth2/introspect", { token });
  return ((await response.json()) as { active: boolean }).active;
}
