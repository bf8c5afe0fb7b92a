// The keys for OAuth tokens at rest. TOKEN_ENCRYPTION_KEY (32 random bytes,
// base64) encrypts; keys in TOKEN_ENCRYPTION_KEYS_PREVIOUS (comma separated)
// still decrypt, so a key can be rotated without losing tokens
// (`npm run tokens:rotate` re-encrypts every row with the current key).

import "server-only";
import { decrypt, encrypt, parseKey, type EncryptionKey } from "@/lib/crypto/aes-gcm";
import { tokenKeysEnv } from "@/lib/env";

let keys: { current: EncryptionKey; all: Map<string, EncryptionKey> } | undefined;

function loadKeys() {
  if (keys) return keys;
  const { current, previous } = tokenKeysEnv();
  const currentKey = parseKey(current, "TOKEN_ENCRYPTION_KEY");
  const previousKeys = previous.map((key) => parseKey(key, "TOKEN_ENCRYPTION_KEYS_PREVIOUS"));
  keys = { current: currentKey, all: new Map([currentKey, ...previousKeys].map((k) => [k.id, k])) };
  return keys;
}

/** `aad` is where the token is stored (lib/db/token-aad.ts); it decrypts only there. */
export function encryptToken(plaintext: string, aad: string) {
  return encrypt(loadKeys().current, plaintext, aad);
}

export function decryptToken(stored: string, aad: string) {
  return decrypt(loadKeys().all, stored, aad);
}
