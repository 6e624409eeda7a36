import type { Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../audit/record-audit.ts';

/**
 * Replay protection for TOTP codes (RFC 6238 §5.2: a code, once accepted, must not be accepted
 * again) without a column of its own: every accepted code is a security event worth recording
 * anyway, so its time step goes into `audit_log`, and a code is refused when the user already has
 * an accepted step at or after its own. Callers hold a lock on the user's row from the
 * check to the record, in one transaction, so two requests with the same code cannot both pass.
 */
export const TOTP_ACCEPTED_ACTION = 'auth.two_factor.totp_accepted' as const;

export async function totpStepAlreadyUsed(
  db: Kysely<Database>,
  userId: string,
  step: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('audit_log')
    .select('id')
    .where('user_id', '=', userId)
    .where('action', '=', TOTP_ACCEPTED_ACTION)
    .where(sql<number>`(detail->>'step')::bigint`, '>=', step)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function recordAcceptedTotpStep(
  db: Kysely<Database>,
  userId: string,
  step: number,
): Promise<void> {
  await recordAudit(db, { action: TOTP_ACCEPTED_ACTION, userId, detail: { step } });
}
