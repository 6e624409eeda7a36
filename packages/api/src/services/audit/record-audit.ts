import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';

export type AuditAction =
  | 'auth.sign_in.succeeded'
  | 'auth.sign_in.failed'
  | 'auth.registered'
  | 'auth.refresh.reused'
  | 'auth.password.changed'
  | 'auth.two_factor.enabled'
  | 'auth.two_factor.disabled'
  /** Kept so a TOTP code's time step can never be accepted twice (replay protection). */
  | 'auth.two_factor.totp_accepted'
  | 'auth.recovery_code.used'
  | 'auth.api_token.created'
  | 'auth.api_token.revoked'
  | 'admin.user.disabled'
  | 'admin.user.role_changed';

export interface AuditEvent {
  action: AuditAction;
  /** Whose account the event is about; null when no account is known (unknown email). */
  userId: string | null;
  /** Who did it, when not the user themself (an administrator). */
  actorId?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

/** Appends a security event to the audit log (ASVS V16). Never stores secrets or passwords. */
export async function recordAudit(db: Kysely<Database>, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      user_id: event.userId,
      actor_id: event.actorId ?? event.userId,
      action: event.action,
      ip: event.ip ?? null,
      detail: JSON.stringify(event.detail ?? {}),
    })
    .execute();
}
