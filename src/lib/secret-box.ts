/**
 * Secrets the portal must read back (a member of staff's TOTP secret), kept encrypted at rest:
 * AES-256-GCM with a key derived from APP_SECRET by HKDF-SHA256, one key per purpose (`info`).
 * A copy of the database alone does not give the secret; a changed APP_SECRET makes the old boxes
 * unreadable (open answers undefined, and the member enrols again). Stored as
 * "v1.<iv>.<tag>.<ciphertext>", each part base64url.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export type SecretBox = ReturnType<typeof createSecretBox>;

export function createSecretBox(appSecret: string, info: string) {
  const key = Buffer.from(hkdfSync('sha256', appSecret, 'myrecord secret box', info, 32));
  return {
    seal(plain: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), sealed]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },
    /** The plain text, or undefined for a box sealed with another key, or tampered with. */
    open(box: string): string | undefined {
      const [version, iv, tag, sealed, ...rest] = box.split('.');
      if (version !== 'v1' || iv === undefined || tag === undefined || sealed === undefined || rest.length > 0) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        return undefined;
      }
    },
  };
}
