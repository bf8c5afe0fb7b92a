// For tests of the upgrade from enc:v1: only; the app never writes v1.
import { createCipheriv, randomBytes } from "node:crypto";
import type { EncryptionKey } from "./aes-gcm";

/** What the app wrote before tokens were bound to their rows: `enc:v1:`, no additional data. */
export function encryptV1({ id, secret }: EncryptionKey, plaintext: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secret, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `enc:v1:${id}:${[iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString("base64url")).join(":")}`;
}
