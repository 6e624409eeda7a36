import { randomInt, timingSafeEqual } from 'node:crypto';
import { hashSecret } from '../../auth/secrets.ts';

/** How many codes a user gets; a new set replaces the old one whole. */
export const RECOVERY_CODE_COUNT = 10;

/**
 * Crockford's base32: no I, L, O or U, so a code copied by hand cannot be misread. Ten symbols
 * carry 50 bits, out of reach of guessing behind the sign-in rate limits.
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const HALF = 5;

/** Codes shown as `xxxxx-xxxxx` in lower case, from a CSPRNG, each with the hash to store. */
export function generateRecoveryCodes(
  count = RECOVERY_CODE_COUNT,
): { code: string; hash: string }[] {
  const codes = new Map<string, string>();
  while (codes.size < count) {
    let symbols = '';
    for (let i = 0; i < HALF * 2; i += 1) symbols += ALPHABET[randomInt(ALPHABET.length)];
    codes.set(`${symbols.slice(0, HALF)}-${symbols.slice(HALF)}`, hashSecret(symbols));
  }
  return [...codes].map(([code, hash]) => ({ code, hash }));
}

/**
 * The canonical form that is hashed: any case, with or without the dash, surrounding or inner
 * spaces, and the letters Crockford reads as digits (O → 0, I and L → 1). Null when it cannot
 * be a recovery code at all.
 */
export function normalizeRecoveryCode(input: string): string | null {
  const symbols = input
    .replace(/[\s-]+/g, '')
    .toLowerCase()
    .replace(/o/g, '0')
    .replace(/[il]/g, '1');
  if (symbols.length !== HALF * 2) return null;
  for (const symbol of symbols) if (!ALPHABET.includes(symbol)) return null;
  return symbols;
}

/** The id of the row whose hash equals `hash`, comparing every row in constant time. */
export function findRecoveryCode(
  rows: readonly { id: string; code_hash: string }[],
  hash: string,
): string | null {
  const wanted = Buffer.from(hash, 'hex');
  let found: string | null = null;
  for (const row of rows) {
    const stored = Buffer.from(row.code_hash, 'hex');
    // No early exit: every row is compared, whether or not an earlier one matched.
    if (stored.length === wanted.length && timingSafeEqual(stored, wanted) && found === null) {
      found = row.id;
    }
  }
  return found;
}
