import type { Budget } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { byName, selectBudgets } from './budget-rules.ts';

/** The caller's budgets, by the name of what they budget. */
export async function listBudgets(
  db: Kysely<Database>,
  { user }: { user: { id: string } },
): Promise<Budget[]> {
  return (await selectBudgets(db, user.id).execute()).sort(byName);
}
