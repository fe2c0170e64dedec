import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * 国密 helpers on Node's built-in OpenSSL: SM3 hashing, SM4-CBC encryption of personal data and
 * keyed SM3 (HMAC-SM3) lookup indexes. Sub-keys are derived per purpose from the master secret.
 */
export class Crypto {
  private readonly encKey: Buffer;
  private readonly indexKey: Buffer;
  private readonly tokenKey: Buffer;

  constructor(masterSecret: Buffer) {
    if (masterSecret.length < 32) throw new Error('master secret must be at least 32 bytes');
    this.encKey = derive(masterSecret, 'pii-sm4').subarray(0, 16);
    this.indexKey = derive(masterSecret, 'pii-index');
    this.tokenKey = derive(masterSecret, 'tokens');
  }

  /** SM4-CBC with a random IV; output `v1:<iv hex>:<ciphertext base64>`. */
  encrypt(plain: string): string {
    const iv = randomBytes(16);
    const cipher = createCipheriv('sm4-cbc', this.encKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1:${iv.toString('hex')}:${body.toString('base64')}`;
  }

  decrypt(stored: string): string {
    const [v, ivHex, body] = stored.split(':');
    if (v !== 'v1' || !ivHex || !body) throw new Error('unknown ciphertext format');
    const decipher = createDecipheriv('sm4-cbc', this.encKey, Buffer.from(ivHex, 'hex'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  }

  /** Deterministic keyed index so an encrypted value can be found by equality. */
  index(value: string): string {
    return createHmac('sm3', this.indexKey).update(value.trim().toUpperCase()).digest('hex');
  }

  /** MAC used for tokens bound to a session (CSRF). */
  mac(value: string): string {
    return createHmac('sm3', this.tokenKey).update(value).digest('base64url');
  }

  macEquals(value: string, mac: string): boolean {
    const a = Buffer.from(this.mac(value));
    const b = Buffer.from(mac);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}

function derive(secret: Buffer, purpose: string): Buffer {
  return createHmac('sm3', secret).update(`bianmin:${purpose}`).digest();
}

export const sm3 = (data: string | Buffer): string => createHash('sm3').update(data).digest('hex');

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** `110105199001011234` → `110105********1234`; keeps the region prefix and last four. */
export function maskIdNumber(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** `13812345678` → `138****5678`. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}
