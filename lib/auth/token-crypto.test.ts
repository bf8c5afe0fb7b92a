import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";

const keyA = randomBytes(32).toString("base64");
const keyB = randomBytes(32).toString("base64");

async function withKeys(current: string, previous = "") {
  vi.resetModules();
  vi.stubEnv("TOKEN_ENCRYPTION_KEY", current);
  vi.stubEnv("TOKEN_ENCRYPTION_KEYS_PREVIOUS", previous);
  return import("./token-crypto");
}

afterEach(() => vi.unstubAllEnvs());

describe("token encryption", () => {
  it("round-trips and never stores the plaintext", async () => {
    const { encryptToken, decryptToken } = await withKeys(keyA);
    const token = "polar_rt_o_example";
    const stored = encryptToken(token);
    expect(stored).toMatch(/^enc:v1:/);
    expect(stored).not.toContain("polar_");
    expect(decryptToken(stored)).toBe(token);
  });

  it("uses a fresh IV for every encryption", async () => {
    const { encryptToken } = await withKeys(keyA);
    expect(encryptToken("same")).not.toBe(encryptToken("same"));
  });

  it("rejects a tampered ciphertext", async () => {
    const { encryptToken, decryptToken } = await withKeys(keyA);
    const parts = encryptToken("polar_at_u_example").split(":");
    const ciphertext = Buffer.from(parts[4]!, "base64url");
    ciphertext[0]! ^= 1;
    parts[4] = ciphertext.toString("base64url");
    expect(() => decryptToken(parts.join(":"))).toThrow();
  });

  it("refuses plaintext rows", async () => {
    const { decryptToken } = await withKeys(keyA);
    expect(() => decryptToken("polar_at_u_plain")).toThrow(/not encrypted/);
  });

  it("decrypts with a previous key after rotation, and encrypts with the new one", async () => {
    const before = await withKeys(keyA);
    const stored = before.encryptToken("polar_rt_u_rotated");
    const after = await withKeys(keyB, keyA);
    expect(after.decryptToken(stored)).toBe("polar_rt_u_rotated");
    const keyId = (value: string) => value.split(":")[2];
    expect(keyId(after.encryptToken("x"))).not.toBe(keyId(stored));
  });

  it("names the missing key in its error", async () => {
    const stored = (await withKeys(keyA)).encryptToken("x");
    const other = await withKeys(keyB);
    expect(() => other.decryptToken(stored)).toThrow(/TOKEN_ENCRYPTION_KEYS_PREVIOUS/);
  });

  it("explains a malformed key", async () => {
    const { encryptToken } = await withKeys("too-short");
    expect(() => encryptToken("x")).toThrow(/openssl rand -base64 32/);
  });
});
