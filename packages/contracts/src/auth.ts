import { z } from 'zod';
import { Uuid } from './dates.ts';
import { CurrencyCode } from './money.ts';

export const Email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email())
  .transform((email) => email.toLowerCase());

export const SpenderProfile = z.enum(['practical', 'social', 'lifestyle']);
export type SpenderProfile = z.infer<typeof SpenderProfile>;

export const Role = z.enum(['user', 'admin']);
export type Role = z.infer<typeof Role>;

export const User = z.object({
  id: Uuid,
  email: z.string(),
  displayName: z.string(),
  profile: SpenderProfile.nullable(),
  homeCurrency: CurrencyCode,
  role: Role,
});
export type User = z.infer<typeof User>;

export const LoginInput = z.strictObject({
  email: Email,
  // Never trimmed or truncated; the upper bound only stops hashing megabytes.
  password: z.string().min(1).max(1024),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const Session = z.object({
  accessToken: z.string(),
  /** ISO timestamp at which the access token stops being accepted. */
  expiresAt: z.iso.datetime(),
  user: User,
});
export type Session = z.infer<typeof Session>;

export const Health = z.object({ ok: z.literal(true), version: z.string() });
export type Health = z.infer<typeof Health>;
