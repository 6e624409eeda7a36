import type { RecurringItem } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import type { Writer } from '../history/actor.ts';
import { recurringItems } from './recurring-rules.ts';

/** The caller's recurring items, by priority then name, each with its next due day. */
export function listRecurringItems(
  db: Kysely<Database>,
  { user, today }: { user: Pick<Writer, 'id'>; today: string },
): Promise<RecurringItem[]> {
  return recurringItems(db, { userId: user.id, today });
}
