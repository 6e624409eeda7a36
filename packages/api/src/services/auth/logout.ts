import type { Kysely } from 'kysely';
import type { Database } from '@outlay/db';

/** Ends a sign-in session: every access token issued for it stops working at once. */
export async function logout(
  db: Kysely<Database>,
  userId: string,
  sessionId: string,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}
