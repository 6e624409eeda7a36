import type { BudgetWritten, CreateBudgetInput } from '@outlay/contracts';
import { inTransaction, type Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import type { Writer } from '../history/actor.ts';
import { openDescribedChangeSet } from '../history/open-described-change-set.ts';
import {
  assertBudgetTarget,
  assertNoOverlap,
  assertRoomForBudget,
  budgetBrief,
  findBudget,
} from './budget-rules.ts';

export async function createBudget(
  db: Kysely<Database>,
  {
    user,
    categoryId,
    groupId,
    period,
    amountMinor,
    startsOn,
    endsOn,
    rollover = 'none',
  }: { user: Writer & { homeCurrency: string } } & CreateBudgetInput,
): Promise<BudgetWritten> {
  return inTransaction(db, async (trx) => {
    const shape = {
      categoryId: categoryId ?? null,
      groupId: groupId ?? null,
      period,
      startsOn,
      endsOn: endsOn ?? null,
    };
    const target = await assertBudgetTarget(trx, user.id, shape);
    const change = await openDescribedChangeSet(trx, {
      user,
      action: 'budgets.create',
      summary: budgetBrief({ period, amountMinor }, target.name, user.homeCurrency),
    });
    await assertRoomForBudget(trx, user.id);
    await assertNoOverlap(trx, user.id, target.name, shape);
    const { id } = await trx
      .insertInto('budgets')
      .values({
        user_id: user.id,
        category_id: shape.categoryId,
        group_id: shape.groupId,
        period,
        amount_minor: amountMinor,
        starts_on: startsOn,
        ends_on: shape.endsOn,
        rollover,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { ...change, budget: await findBudget(trx, user.id, id) };
  });
}
