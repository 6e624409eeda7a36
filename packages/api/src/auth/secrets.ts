import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: refresh tokens and API tokens. */
export function randomToken(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/**
 * Secrets are stored only as SHA-256 hashes, hex: refresh tokens, API tokens, recovery codes.
 * They are random (256 bits, or 50 for a recovery code behind the attempt limits), so a fast hash
 * is right here: there is no dictionary to precompute, and a slow password hash would only slow
 * down every request.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
