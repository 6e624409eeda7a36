import { Secret, TOTP } from 'otpauth';

/**
 * RFC 6238 with the parameters every authenticator app supports: SHA-1, 6 digits, 30 seconds.
 * Apps that meet anything else often ignore it silently and show codes that never match.
 */
const PARAMETERS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;

/** Steps either side of the current one still accepted, for clock drift and typing time. */
const DRIFT_STEPS = 1;

/** A new 160-bit secret (RFC 4226 §4 recommends 160), base32 as authenticator apps expect it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://` URI that authenticator apps read from the QR code. */
export function otpauthUri(secret: string, label: string, issuer: string): string {
  return new TOTP({ ...PARAMETERS, issuer, label, secret: Secret.fromBase32(secret) }).toString();
}

/**
 * The time step a code was generated for, or null when it is not valid at `now` give or take
 * one step. Whitespace is ignored, so "123 456" as some apps display it is accepted.
 */
export function matchTotpStep(secret: string, code: string, now: Date): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const totp = new TOTP({ ...PARAMETERS, secret: Secret.fromBase32(secret) });
  const timestamp = now.getTime();
  // otpauth compares each candidate with crypto.timingSafeEqual.
  const delta = totp.validate({ token, timestamp, window: DRIFT_STEPS });
  return delta === null ? null : totp.counter({ timestamp }) + delta;
}
