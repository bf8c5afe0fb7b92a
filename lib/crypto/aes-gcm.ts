import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * AES-256-GCM with key ids, for secrets at rest. Stored form:
 * `enc:v1:<key id>:<iv>:<ciphertext>:<tag>` (base64url parts). Pure functions:
 * which keys to use is the caller's business (lib/auth/token-crypto.ts).
 */
export const ENCRYPTED_PREFIX = "enc:v1:";

export interface EncryptionKey {
  id: string;
  secret: Buffer;
}

export function parseKey(encoded: string, name: string): EncryptionKey {
  const secret = Buffer.from(encoded.trim(), "base64");
  if (secret.length !== 32) {
    throw new Error(`${name} must be 32 random bytes, base64-encoded (openssl rand -base64 32).`);
  }
  return { id: createHash("sha256").update(secret).digest("base64url").slice(0, 8), secret };
}

export function encrypt(key: EncryptionKey, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.secret, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString("base64url"));
  return `${ENCRYPTED_PREFIX}${key.id}:${parts.join(":")}`;
}

export function decrypt(keys: ReadonlyMap<string, EncryptionKey>, stored: string): string {
  if (!stored.startsWith(ENCRYPTED_PREFIX)) throw new Error("Refusing to read a token that is not encrypted.");
  const [keyId, iv, ciphertext, tag] = stored.slice(ENCRYPTED_PREFIX.length).split(":");
  const key = keys.get(keyId ?? "");
  if (!key || !iv || !ciphertext || !tag) {
    throw new Error(`Token was encrypted with an unknown key (${keyId}); add it to TOKEN_ENCRYPTION_KEYS_PREVIOUS.`);
  }
  const decipher = createDecipheriv("aes-256-gcm", key.secret, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
