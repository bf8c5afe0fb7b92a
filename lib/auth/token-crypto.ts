import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * AES-256-GCM for OAuth tokens at rest. TOKEN_ENCRYPTION_KEY (32 random bytes,
 * base64) encrypts; keys listed in TOKEN_ENCRYPTION_KEYS_PREVIOUS (comma
 * separated) still decrypt, so a key can be rotated without losing tokens
 * (`npm run tokens:rotate` re-encrypts every row with the current key).
 *
 * Stored form: `enc:v1:<key id>:<iv>:<ciphertext>:<tag>` (base64url parts).
 */
const PREFIX = "enc:v1:";

interface Key {
  id: string;
  secret: Buffer;
}

function parseKey(encoded: string, name: string): Key {
  const secret = Buffer.from(encoded.trim(), "base64");
  if (secret.length !== 32) {
    throw new Error(`${name} must be 32 random bytes, base64-encoded (openssl rand -base64 32).`);
  }
  return { id: createHash("sha256").update(secret).digest("base64url").slice(0, 8), secret };
}

let keys: { current: Key; all: Map<string, Key> } | undefined;

function loadKeys() {
  if (keys) return keys;
  const current = process.env.TOKEN_ENCRYPTION_KEY;
  if (!current) throw new Error("TOKEN_ENCRYPTION_KEY is not set (openssl rand -base64 32).");
  const currentKey = parseKey(current, "TOKEN_ENCRYPTION_KEY");
  const previous = (process.env.TOKEN_ENCRYPTION_KEYS_PREVIOUS ?? "")
    .split(",")
    .filter((k) => k.trim())
    .map((k) => parseKey(k, "TOKEN_ENCRYPTION_KEYS_PREVIOUS"));
  keys = { current: currentKey, all: new Map([currentKey, ...previous].map((k) => [k.id, k])) };
  return keys;
}

export function encryptToken(plaintext: string): string {
  const { current } = loadKeys();
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", current.secret, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return (
    PREFIX +
    [current.id, iv, ciphertext, cipher.getAuthTag()]
      .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
      .join(":")
  );
}

export function decryptToken(stored: string): string {
  if (!stored.startsWith(PREFIX)) throw new Error("Refusing to read a token that is not encrypted.");
  const [keyId, iv, ciphertext, tag] = stored.slice(PREFIX.length).split(":");
  const key = loadKeys().all.get(keyId ?? "");
  if (!key || !iv || !ciphertext || !tag) {
    throw new Error(`Token was encrypted with an unknown key (${keyId}); add it to TOKEN_ENCRYPTION_KEYS_PREVIOUS.`);
  }
  const decipher = createDecipheriv("aes-256-gcm", key.secret, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}

export function isEncryptedWithCurrentKey(stored: string) {
  return stored.startsWith(`${PREFIX}${loadKeys().current.id}:`);
}
