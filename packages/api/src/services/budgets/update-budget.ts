import type { BudgetWritten, UpdateBudgetInput } from '@outlay/contracts';
import { inTransaction, type Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { DomainError } from '../../errors.ts';
import { fieldsOf } from '../history/describe.ts';
import type { Writer } from '../history/actor.ts';
import { openDescribedChangeSet } from '../history/open-described-change-set.ts';
import { assertBudgetTarget, assertNoOverlap, budgetBrief, findBudget } from './budget-rules.ts';

/**
 * Changes a budget. The amount and rollover apply to every period it covers, past ones too (the
 * history is recomputed): to change a budget from a date on, end it and start another.
 */
export async function updateBudget(
  db: Kysely<Database>,
  { user, id, patch }: { user: Writer & { homeCurrency: string } } & UpdateBudgetInput,
): Promise<BudgetWritten> {
  return inTransaction(db, async (trx) => {
    const before = await findBudget(trx, user.id, id);
    const retargeted = patch.categoryId !== undefined || patch.groupId !== undefined;
    const next = {
      id,
      categoryId: retargeted ? (patch.categoryId ?? null) : before.categoryId,
      groupId: retargeted ? (patch.groupId ?? null) : before.groupId,
      period: patch.period ?? before.period,
      amountMinor: patch.amountMinor ?? before.amountMinor,
      startsOn: patch.startsOn ?? before.startsOn,
      endsOn: patch.endsOn === undefined ? before.endsOn : patch.endsOn,
      rollover: patch.rollover ?? before.rollover,
    };
    if (next.endsOn !== null && next.endsOn < next.startsOn) {
      throw new DomainError('BAD_INPUT', 'A budget cannot end before it starts');
    }
    const target = retargeted ? await assertBudgetTarget(trx, user.id, next) : null;
    const change = await openDescribedChangeSet(trx, {
      user,
      action: 'budgets.update',
      summary: {
        ...budgetBrief(before, before.name, user.homeCurrency),
        fields: fieldsOf(patch),
        ...(patch.amountMinor !== undefined ? { newAmountMinor: patch.amountMinor } : {}),
      },
    });
    await assertNoOverlap(trx, user.id, target?.name ?? before.name, next);
    await trx
      .updateTable('budgets')
      .set({
        category_id: next.categoryId,
        group_id: next.groupId,
        period: next.period,
        amount_minor: next.amountMinor,
        starts_on: next.startsOn,
        ends_on: next.endsOn,
        rollover: next.rollover,
      })
      .where('user_id', '=', user.id)
      .where('id', '=', id)
      .execute();
    return { ...change, budget: await findBudget(trx, user.id, id) };
  });
}
