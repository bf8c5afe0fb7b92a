import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseKey, type DecryptionError } from "@/lib/crypto/aes-gcm";
import { encryptV1 } from "@/lib/crypto/testing";

const keyA = randomBytes(32).toString("base64");
const keyB = randomBytes(32).toString("base64");
const aad = JSON.stringify(["OrganizationConnection", "user-1", "org-1", "refresh_token"]);

async function withKeys(current: string, previous = "") {
  vi.resetModules();
  vi.stubEnv("TOKEN_ENCRYPTION_KEY", current);
  vi.stubEnv("TOKEN_ENCRYPTION_KEYS_PREVIOUS", previous);
  return import("./token-crypto");
}

/** Replaces one `:`-separated part of a stored value (3 = IV, 4 = ciphertext, 5 = tag). */
function withPart(stored: string, index: number, change: (part: Buffer) => Buffer) {
  const parts = stored.split(":");
  parts[index] = change(Buffer.from(parts[index]!, "base64url")).toString("base64url");
  return parts.join(":");
}

/** Why `fn` failed to decrypt (each withKeys loads its own copy of the DecryptionError class). */
const reason = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect((error as Error).name).toBe("DecryptionError");
    return (error as DecryptionError).reason;
  }
  throw new Error("expected a DecryptionError");
};

afterEach(() => vi.unstubAllEnvs());

describe("token encryption", () => {
  it("round-trips and never stores the plaintext", async () => {
    const { encryptToken, decryptToken } = await withKeys(keyA);
    const token = "polar_rt_o_example";
    const stored = encryptToken(token, aad);
    expect(stored).toMatch(/^enc:v2:/);
    expect(stored).not.toContain("polar_");
    expect(decryptToken(stored, aad)).toBe(token);
  });

  it("uses a fresh IV for every encryption", async () => {
    const { encryptToken } = await withKeys(keyA);
    expect(encryptToken("same", aad)).not.toBe(encryptToken("same", aad));
  });

  it("binds the ciphertext to where it is stored: another table, owner or column does not decrypt", async () => {
    const { encryptToken, decryptToken } = await withKeys(keyA);
    const stored = encryptToken("polar_rt_o_bound", aad);
    for (const elsewhere of [
      ["Account", "user-1", "refresh_token"],
      ["OrganizationConnection", "user-2", "org-1", "refresh_token"],
      ["OrganizationConnection", "user-1", "org-2", "refresh_token"],
      ["OrganizationConnection", "user-1", "org-1", "access_token"],
    ]) {
      expect(reason(() => decryptToken(stored, JSON.stringify(elsewhere)))).toBe("authentication");
    }
  });

  it("rejects a tampered ciphertext or tag", async () => {
    const { encryptToken, decryptToken } = await withKeys(keyA);
    const stored = encryptToken("polar_at_u_example", aad);
    const flipFirstBit = (part: Buffer) => Buffer.from([part[0]! ^ 1, ...part.subarray(1)]);
    expect(reason(() => decryptToken(withPart(stored, 4, flipFirstBit), aad))).toBe("authentication");
    expect(reason(() => decryptToken(withPart(stored, 5, flipFirstBit), aad))).toBe("authentication");
  });

  it("accepts only a 16-byte tag and a 12-byte IV", async () => {
    const { encryptToken, decryptToken } = await withKeys(keyA);
    const stored = encryptToken("polar_at_u_example", aad);
    // GCM would verify a truncated tag: a 4-byte tag is forged in about 2^32 tries.
    expect(
      reason(() =>
        decryptToken(
          withPart(stored, 5, (tag) => tag.subarray(0, 12)),
          aad,
        ),
      ),
    ).toBe("malformed");
    expect(
      reason(() =>
        decryptToken(
          withPart(stored, 5, (tag) => tag.subarray(0, 4)),
          aad,
        ),
      ),
    ).toBe("malformed");
    expect(
      reason(() =>
        decryptToken(
          withPart(stored, 3, (iv) => iv.subarray(0, 8)),
          aad,
        ),
      ),
    ).toBe("malformed");
  });

  it("refuses plaintext and malformed values without echoing them", async () => {
    const { encryptToken, decryptToken } = await withKeys(keyA);
    expect(() => decryptToken("polar_at_u_plain", aad)).toThrow(/not encrypted/);
    const stored = encryptToken("polar_at_u_example", aad);
    for (const malformed of [
      `${stored}:extra`,
      stored.replace(/:[^:]+$/, ":not*base64"),
      stored.split(":").slice(0, 5).join(":"),
    ]) {
      expect(reason(() => decryptToken(malformed, aad))).toBe("malformed");
      expect(() => decryptToken(malformed, aad)).not.toThrow(stored.split(":")[4]!);
    }
  });

  it("still decrypts values written before AAD (enc:v1:)", async () => {
    const { decryptToken } = await withKeys(keyA);
    expect(decryptToken(encryptV1(parseKey(keyA, "key"), "polar_rt_u_legacy"), aad)).toBe(
      "polar_rt_u_legacy",
    );
  });

  it("decrypts with a previous key after rotation, and encrypts with the new one", async () => {
    const before = await withKeys(keyA);
    const stored = before.encryptToken("polar_rt_u_rotated", aad);
    const after = await withKeys(keyB, keyA);
    expect(after.decryptToken(stored, aad)).toBe("polar_rt_u_rotated");
    const keyId = (value: string) => value.split(":")[2];
    expect(keyId(after.encryptToken("x", aad))).not.toBe(keyId(stored));
  });

  it("names the missing key in its error", async () => {
    const stored = (await withKeys(keyA)).encryptToken("x", aad);
    const other = await withKeys(keyB);
    expect(() => other.decryptToken(stored, aad)).toThrow(/TOKEN_ENCRYPTION_KEYS_PREVIOUS/);
    expect(reason(() => other.decryptToken(stored, aad))).toBe("unknown-key");
  });

  it("explains a malformed key", async () => {
    const { encryptToken } = await withKeys("too-short");
    expect(() => encryptToken("x", aad)).toThrow(/openssl rand -base64 32/);
  });
});
