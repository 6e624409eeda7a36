import type { BudgetDeleted } from '@outlay/contracts';
import { inTransaction, type Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import type { Writer } from '../history/actor.ts';
import { openDescribedChangeSet } from '../history/open-described-change-set.ts';
import { budgetBrief, findBudget } from './budget-rules.ts';

/** Deletes a budget; the spending it tracked stays. Undo brings it back. */
export async function deleteBudget(
  db: Kysely<Database>,
  { user, id }: { user: Writer & { homeCurrency: string }; id: string },
): Promise<BudgetDeleted> {
  return inTransaction(db, async (trx) => {
    const budget = await findBudget(trx, user.id, id);
    const change = await openDescribedChangeSet(trx, {
      user,
      action: 'budgets.delete',
      summary: budgetBrief(budget, budget.name, user.homeCurrency),
    });
    await trx.deleteFrom('budgets').where('user_id', '=', user.id).where('id', '=', id).execute();
    return { ...change, id };
  });
}
