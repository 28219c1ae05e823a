import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { AppError } from "./errors";

/** SHA-256 of a string, hex encoded: ids of documents keyed by a secret value (refresh tokens). */
export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** HMAC-SHA256 of a string under a key, base64url encoded (blind indexes, password pre-hashing). */
export function hmacSha256(key: Buffer, value: string): string {
  return createHmac("sha256", key).update(value, "utf8").digest("base64url");
}

/** A fresh random token of `bytes` bytes (256 bits by default), base64url encoded. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** Compares two strings in time independent of where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Decodes a secret given as hex and refuses one shorter than `minBytes`: keys come from Secret
 * Manager as text, and a short or mistyped key must stop the function rather than weaken it.
 */
export function decodeHexKey(name: string, value: string, minBytes = 32): Buffer {
  const trimmed = value.trim();
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(trimmed) || trimmed.length / 2 < minBytes) {
    throw new Error(`${name} must be at least ${minBytes} bytes, hex encoded`);
  }
  return Buffer.from(trimmed, "hex");
}

/** An AES-256-GCM ciphertext as stored in Firestore, with the id of the key that sealed it. */
export const encryptedValueSchema = z.object({
  kid: z.string().min(1),
  iv: z.string().min(1),
  ct: z.string(),
  tag: z.string().min(1),
});
export type EncryptedValue = z.infer<typeof encryptedValueSchema>;

/** The keys a FieldCipher knows: the first one seals new values, all of them open old ones. */
export interface KeyRing {
  activeKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

/**
 * Parses a key ring secret: comma-separated `keyId:hexKey` entries, the first one active, e.g.
 * `k2:<64 hex>,k1:<64 hex>`. Rotating a key is prepending a new entry; old entries stay until every
 * value sealed with them has been re-encrypted.
 */
export function parseKeyRing(name: string, value: string): KeyRing {
  const entries = value
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error(`${name} has no keys`);
  const keys = new Map<string, Buffer>();
  for (const entry of entries) {
    const colon = entry.indexOf(":");
    const id = entry.slice(0, colon);
    if (colon <= 0 || !/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new Error(`${name} entries must be keyId:hexKey`);
    if (keys.has(id)) throw new Error(`${name} names key ${id} twice`);
    const key = decodeHexKey(`${name} key ${id}`, entry.slice(colon + 1));
    if (key.length !== 32) throw new Error(`${name} key ${id} must be exactly 32 bytes`);
    keys.set(id, key);
  }
  return { activeKeyId: entries[0].slice(0, entries[0].indexOf(":")), keys };
}

/** What a ciphertext is bound to: decrypting it for another user or another field fails. */
export interface FieldContext {
  uid: string;
  field: string;
}

const IV_BYTES = 12;
/** GCM's full tag: a shorter one would let a forger try 2^32 (4 bytes) instead of 2^128 guesses. */
const TAG_BYTES = 16;
const aadOf = ({ uid, field }: FieldContext) => Buffer.from(JSON.stringify(["pii-v1", uid, field]), "utf8");

/**
 * Encrypts personal data field by field with AES-256-GCM before it reaches Firestore: a fresh random
 * IV per value, the key id stored beside the ciphertext (keys rotate), and the owner's uid and the
 * field name bound as associated data, so a ciphertext copied to another user or field does not open.
 */
export class FieldCipher {
  constructor(private readonly ring: KeyRing) {
    if (!ring.keys.has(ring.activeKeyId)) throw new Error("active key missing from key ring");
  }

  encrypt(plaintext: string, context: FieldContext): EncryptedValue {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.keyFor(this.ring.activeKeyId), iv);
    cipher.setAAD(aadOf(context));
    const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return {
      kid: this.ring.activeKeyId,
      iv: iv.toString("base64"),
      ct: ct.toString("base64"),
      tag: cipher.getAuthTag().toString("base64"),
    };
  }

  /**
   * Opens a value; a wrong key, context, a tag or IV of the wrong length, or any tampering is an
   * `internal` error (never the plaintext). Node accepts GCM tags down to 4 bytes unless told the
   * length, so the length is pinned both ways.
   */
  decrypt(value: EncryptedValue, context: FieldContext): string {
    try {
      const iv = Buffer.from(value.iv, "base64");
      const tag = Buffer.from(value.tag, "base64");
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error("ciphertext has a wrong IV or tag length");
      const decipher = createDecipheriv("aes-256-gcm", this.keyFor(value.kid), iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aadOf(context));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(Buffer.from(value.ct, "base64")), decipher.final()]).toString("utf8");
    } catch (e: unknown) {
      throw new AppError("internal", "Stored personal data could not be decrypted", { cause: e });
    }
  }

  /** True when a value was sealed with a key other than the active one (re-encrypt it when convenient). */
  needsRotation(value: EncryptedValue): boolean {
    return value.kid !== this.ring.activeKeyId;
  }

  private keyFor(kid: string): Buffer {
    const key = this.ring.keys.get(kid);
    if (!key) throw new AppError("internal", `Unknown encryption key id ${kid}`);
    return key;
  }
}

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * A random id of letters and digits (20 characters, about 119 bits, like Firestore's auto ids): no
 * `_` or `-`, so composite ids such as `{uid}_{movieId}` split unambiguously.
 */
export function randomId(length = 20): string {
  let id = "";
  for (const byte of randomBytes(length * 2)) {
    if (byte < 248) id += ID_ALPHABET[byte % 62]; // 248 = 4 * 62: no modulo bias
    if (id.length === length) return id;
  }
  return id + randomId(length - id.length);
}
