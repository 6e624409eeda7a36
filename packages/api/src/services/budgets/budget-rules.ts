import { type Budget, type BudgetPeriod, type Category, MAX_BUDGETS } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import { type Kysely, type SqlBool, sql } from 'kysely';
import { DomainError } from '../../errors.ts';
import { findCategory } from '../categories/category-rules.ts';
import { formatDay } from '../history/describe.ts';
import { periodOf } from './periods.ts';

/** The caller's budgets (all, or one), with the name of what each budgets. */
export function selectBudgets(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('budgets as b')
    .innerJoin('categories as c', (join) =>
      join
        .onRef('c.user_id', '=', 'b.user_id')
        .on(sql<SqlBool>`c.id = coalesce(b.category_id, b.group_id)`),
    )
    .select([
      'b.id',
      'b.category_id as categoryId',
      'b.group_id as groupId',
      'c.name',
      'c.color',
      'c.archived',
      'b.period',
      'b.amount_minor as amountMinor',
      'b.starts_on as startsOn',
      'b.ends_on as endsOn',
      'b.rollover',
    ])
    .where('b.user_id', '=', userId);
}

/** Budgets in the order every list shows them: by name, then weekly before monthly, then start. */
export function byName(a: Budget, b: Budget): number {
  return (
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
    a.period.localeCompare(b.period) * -1 ||
    a.startsOn.localeCompare(b.startsOn) ||
    a.id.localeCompare(b.id)
  );
}

/** One of the caller's budgets, or NOT_FOUND. */
export async function findBudget(
  db: Kysely<Database>,
  userId: string,
  id: string,
): Promise<Budget> {
  const budget = await selectBudgets(db, userId).where('b.id', '=', id).executeTakeFirst();
  if (!budget) throw new DomainError('NOT_FOUND', 'Budget not found');
  return budget;
}

/**
 * What a budget may be for: one of the caller's categories (NOT_FOUND otherwise), a group for a
 * group budget, and money spent (a budget on an income or transfer category would always read 0).
 */
export async function assertBudgetTarget(
  db: Kysely<Database>,
  userId: string,
  target: { categoryId: string | null; groupId: string | null },
): Promise<Category> {
  const category = await findCategory(db, userId, (target.categoryId ?? target.groupId)!);
  if (target.groupId !== null && category.parentId !== null) {
    throw new DomainError(
      'BAD_INPUT',
      `'${category.name}' is not a group: budget it as a category, or choose its group`,
    );
  }
  if (category.kind !== 'expense') {
    throw new DomainError(
      'BAD_INPUT',
      `'${category.name}' is a${category.kind === 'income' ? 'n income' : ' transfer'} category: budgets are for spending`,
    );
  }
  return category;
}

interface BudgetShape {
  id?: string;
  categoryId: string | null;
  groupId: string | null;
  period: BudgetPeriod;
  startsOn: string;
  endsOn: string | null;
}

/**
 * Two budgets of one kind for the same category or group in the same week or month would count
 * its spend twice on the Budgets page and the dashboard card: refused, naming the one in the way.
 * Called after the change set is opened (it holds the user's lock), so two requests cannot both
 * pass the check.
 */
export async function assertNoOverlap(
  db: Kysely<Database>,
  userId: string,
  name: string,
  shape: BudgetShape,
): Promise<void> {
  const others = await db
    .selectFrom('budgets')
    .select(['id', 'starts_on', 'ends_on'])
    .where('user_id', '=', userId)
    .where('period', '=', shape.period)
    .where(
      shape.categoryId !== null ? 'category_id' : 'group_id',
      '=',
      (shape.categoryId ?? shape.groupId)!,
    )
    .$if(shape.id !== undefined, (query) => query.where('id', '<>', shape.id!))
    .execute();
  const first = periodOf(shape.startsOn, shape.period).from;
  const last = shape.endsOn === null ? null : periodOf(shape.endsOn, shape.period).from;
  const clash = others.find((other) => {
    const otherFirst = periodOf(other.starts_on, shape.period).from;
    const otherLast = other.ends_on === null ? null : periodOf(other.ends_on, shape.period).from;
    return (last === null || otherFirst <= last) && (otherLast === null || first <= otherLast);
  });
  if (clash) {
    const until = clash.ends_on === null ? '' : ` to ${formatDay(clash.ends_on)}`;
    throw new DomainError(
      'CONFLICT',
      `${name} already has a ${shape.period} budget from ${formatDay(clash.starts_on)}${until}: change that one, or end it before this one starts`,
    );
  }
}

/** Refuses a budget beyond MAX_BUDGETS (after the change set took the user's lock). */
export async function assertRoomForBudget(db: Kysely<Database>, userId: string): Promise<void> {
  const { count } = await db
    .selectFrom('budgets')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  if (Number(count) >= MAX_BUDGETS) {
    throw new DomainError('BAD_INPUT', `You have ${MAX_BUDGETS} budgets, the most allowed`);
  }
}

/** What a change set's summary records about a budget, so History can say it later. */
export function budgetBrief(
  budget: { period: BudgetPeriod; amountMinor: number },
  name: string,
  currency: string,
) {
  return { name, period: budget.period, amountMinor: budget.amountMinor, currency };
}
