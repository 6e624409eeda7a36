import { z } from 'zod';
import { Uuid } from './dates.ts';
import { CurrencyCode } from './money.ts';
import { Name, Text } from './text.ts';

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

/** A password being checked: never trimmed or truncated; the bound only stops hashing megabytes. */
export const Password = z.string().min(1).max(1024);

/**
 * A password being chosen (OWASP ASVS 5 V6.2): at least 8 characters, up to 1024 (well over the
 * 64 ASVS asks to allow), any characters, no composition rules, never truncated. The server also
 * refuses the most common passwords.
 */
export const NewPassword = z
  .string()
  .min(8, 'Use at least 8 characters')
  .max(1024, 'Use at most 1024 characters');

/** A six-digit code from an authenticator app. */
export const TotpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app');

export const RecoveryCode = Text(40).min(6);

/**
 * Proof of the second factor when it is already set up: the 6-digit code from the app, or one of
 * the recovery codes (for a lost phone). One field, so a form needs only one.
 */
export const SecondFactorCode = Text(40);

export const LoginInput = z.strictObject({
  email: Email,
  password: Password,
  /** Required when the account has two-factor authentication enabled (or a recovery code). */
  totpCode: TotpCode.optional(),
  recoveryCode: RecoveryCode.optional(),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const Session = z.object({
  accessToken: z.string(),
  /** ISO timestamp at which the access token stops being accepted. */
  expiresAt: z.iso.datetime(),
  user: User,
});
export type Session = z.infer<typeof Session>;

export const RegisterInput = z.strictObject({
  email: Email,
  password: NewPassword,
  displayName: Text(100),
});
export type RegisterInput = z.infer<typeof RegisterInput>;

export const ChangePasswordInput = z.strictObject({
  currentPassword: Password,
  newPassword: NewPassword,
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

/** A signed-in device or browser: one refresh-token family. */
export const SessionInfo = z.object({
  id: Uuid,
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/** Live sessions a user may have; signing in again ends the least recently used beyond this. */
export const MAX_LIVE_SESSIONS = 50;
export const SessionList = z.array(SessionInfo).max(MAX_LIVE_SESSIONS);

export const IdInput = z.strictObject({ id: Uuid });

export const ApiTokenScope = z.enum(['read', 'write']);
export type ApiTokenScope = z.infer<typeof ApiTokenScope>;

export const ApiToken = z.object({
  id: Uuid,
  name: z.string(),
  scope: ApiTokenScope,
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

/** Live API tokens a user may have at once. */
export const MAX_API_TOKENS = 50;
export const ApiTokenList = z.array(ApiToken).max(MAX_API_TOKENS);

export const CreateApiTokenInput = z.strictObject({
  name: Name,
  scope: ApiTokenScope,
});

/** The token itself is shown once, at creation, and stored only as a hash. */
export const CreatedApiToken = z.object({ token: z.string(), apiToken: ApiToken });

export const TwoFactorStatus = z.object({ enabled: z.boolean() });
export const TwoFactorEnrolment = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  qrSvg: z.string(),
});
export const ConfirmTwoFactorInput = z.strictObject({ code: TotpCode });
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
/** Turning two-factor off takes the password and a current code (or a recovery code). */
export const DisableTwoFactorInput = z.strictObject({
  password: Password,
  code: SecondFactorCode,
});

export const AdminUser = User.extend({
  createdAt: z.iso.datetime(),
  disabledAt: z.iso.datetime().nullable(),
});
export type AdminUser = z.infer<typeof AdminUser>;

/** Most users one administration list shows. */
export const MAX_LISTED_USERS = 1_000;
export const AdminUserList = z.array(AdminUser).max(MAX_LISTED_USERS);
export const SetRoleInput = z.strictObject({ id: Uuid, role: Role });

export const Ok = z.object({ ok: z.literal(true) });

export const Health = z.object({ ok: z.literal(true), version: z.string() });
export type Health = z.infer<typeof Health>;
