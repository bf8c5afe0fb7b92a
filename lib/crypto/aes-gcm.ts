// AES-256-GCM with key ids, for secrets at rest. Stored form:
// `enc:v2:<key id>:<iv>:<ciphertext>:<tag>` (base64url parts), where v2 binds
// the ciphertext to additional authenticated data (AAD) naming where it is
// stored, so it only decrypts there. `enc:v1:` values (no AAD) still decrypt
// until `npm run tokens:rotate` rewrites them. Pure functions: which keys to
// use is the caller's business (lib/db/token-crypto.ts).

import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

export const ENCRYPTED_PREFIX = "enc:v2:";
const LEGACY_PREFIX = "enc:v1:";

const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export interface EncryptionKey {
  id: string;
  secret: Buffer;
}

/** Why a stored value did not decrypt. Its message never contains the value. */
export class DecryptionError extends Error {
  readonly reason: "not-encrypted" | "malformed" | "unknown-key" | "authentication";

  constructor(reason: DecryptionError["reason"], message: string) {
    super(message);
    this.name = "DecryptionError";
    this.reason = reason;
  }
}

export function parseKey(encoded: string, name: string): EncryptionKey {
  const secret = Buffer.from(encoded.trim(), "base64");
  if (secret.length !== 32) {
    throw new Error(`${name} must be 32 random bytes, base64-encoded (openssl rand -base64 32).`);
  }
  return { id: createHash("sha256").update(secret).digest("base64url").slice(0, 8), secret };
}

/** Encrypts `plaintext` so that it decrypts only with the same `aad`. */
export function encrypt(key: EncryptionKey, plaintext: string, aad: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key.secret, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString("base64url"));
  return `${ENCRYPTED_PREFIX}${key.id}:${parts.join(":")}`;
}

/** Whether `stored` is already in the current form under `key` (nothing for a rotation to do). */
export function isCurrent(key: EncryptionKey, stored: string) {
  return stored.startsWith(`${ENCRYPTED_PREFIX}${key.id}:`);
}

function parts(stored: string) {
  const prefix = [ENCRYPTED_PREFIX, LEGACY_PREFIX].find((candidate) => stored.startsWith(candidate));
  if (!prefix) throw new DecryptionError("not-encrypted", "Refusing to read a token that is not encrypted.");
  const version = prefix === ENCRYPTED_PREFIX ? 2 : 1;
  const fields = stored.slice(prefix.length).split(":");
  const [keyId, iv, ciphertext, tag] = fields;
  if (
    fields.length !== 4 ||
    !keyId ||
    ![iv, ciphertext, tag].every((part) => part !== undefined && BASE64URL.test(part))
  ) {
    throw new DecryptionError("malformed", "Encrypted token is malformed.");
  }
  const decoded = {
    iv: Buffer.from(iv!, "base64url"),
    ciphertext: Buffer.from(ciphertext!, "base64url"),
    tag: Buffer.from(tag!, "base64url"),
  };
  if (decoded.iv.length !== IV_BYTES || decoded.tag.length !== TAG_BYTES) {
    throw new DecryptionError(
      "malformed",
      `Encrypted token must have a ${IV_BYTES}-byte IV and a ${TAG_BYTES}-byte tag.`,
    );
  }
  return { version, keyId, ...decoded };
}

/**
 * Decrypts a value written by `encrypt` with the same `aad` (or by v1, which
 * had none). Throws a DecryptionError for an unknown key, a malformed value, or
 * a failed authentication (tampered, or moved from where it was written).
 */
export function decrypt(keys: ReadonlyMap<string, EncryptionKey>, stored: string, aad: string): string {
  const { version, keyId, iv, ciphertext, tag } = parts(stored);
  const key = keys.get(keyId);
  if (!key) {
    throw new DecryptionError(
      "unknown-key",
      `Token was encrypted with an unknown key (${keyId}); add it to TOKEN_ENCRYPTION_KEYS_PREVIOUS.`,
    );
  }
  const decipher = createDecipheriv("aes-256-gcm", key.secret, iv, { authTagLength: TAG_BYTES });
  if (version === 2) decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new DecryptionError(
      "authentication",
      "Token failed authentication: it was altered or belongs to another row.",
    );
  }
}
