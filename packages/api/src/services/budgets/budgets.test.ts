import {
  addDays,
  addMonths,
  type BudgetRollover,
  MAX_BUDGET_MINOR,
  type BudgetPeriodFigures,
} from '@outlay/contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestUser } from '../../testing.ts';
import { paceOf } from './budget-status.ts';

// Budgets (DESIGN §11): spent by the one definition of spend, rollover, health, change sets and
// undo, and the input they refuse.

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.dispose());

type Api = Awaited<ReturnType<Harness['callerFor']>>;

async function changeSetCount(user: TestUser): Promise<number> {
  const { count } = await h.db
    .selectFrom('change_sets')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', user.id)
    .executeTakeFirstOrThrow();
  return Number(count);
}

describe('spent', () => {
  it('equals metrics.summary totalSpend for the same category, group and period, splits and refunds included', async () => {
    const { user, api } = await h.signedInUser();
    const food = await api.categories.create({ name: 'Food', kind: 'expense' });
    const coffee = await api.categories.create({
      name: 'Coffee',
      kind: 'expense',
      parentId: food.category.id,
    });
    const dining = user.categories.Dining!;
    const account = user.accountIds[0]!;
    const write = (occurredOn: string, amountMinor: number, categoryId?: string) =>
      api.transactions.create({ accountId: account, occurredOn, amountMinor, categoryId });
    await write('2026-10-31', -1_000, dining); // the month before
    await write('2026-11-01', -2_500, dining);
    await write('2026-11-09', 700, dining); // a refund lowers spend
    await write('2026-11-15', -1_200, coffee.category.id);
    await write('2026-11-20', -300, food.category.id); // the group itself
    await write('2026-11-30', -4_000); // uncategorised: no budget's
    await api.transactions.create({
      accountId: account,
      occurredOn: '2026-11-12',
      amountMinor: -10_000,
      splits: [
        { categoryId: dining, amountMinor: -6_000 },
        { categoryId: coffee.category.id, amountMinor: -2_500 },
        { categoryId: user.categories.Groceries!, amountMinor: -1_500 },
      ],
    });
    await api.transfers.create({
      fromAccountId: account,
      toAccountId: user.accountIds[1]!,
      occurredOn: '2026-11-13',
      amountMinor: 9_999,
    });
    await write('2026-12-01', -800, dining); // the month after

    const diningBudget = await api.budgets.create({
      categoryId: dining,
      period: 'monthly',
      amountMinor: 10_000,
      startsOn: '2026-11-01',
    });
    const foodBudget = await api.budgets.create({
      groupId: food.category.id,
      period: 'monthly',
      amountMinor: 5_000,
      startsOn: '2026-01-15',
    });
    const weekly = await api.budgets.create({
      categoryId: dining,
      period: 'weekly',
      amountMinor: 3_000,
      startsOn: '2026-11-01',
    });
    const total = async (categoryIds: string[], from: string, to: string) =>
      (await api.metrics.summary({ filter: { categoryIds, from, to } })).totalSpend;

    const status = await api.budgets.status({ period: '2026-11-18', today: '2026-11-18' });
    const of = (id: string) => status.budgets.find((s) => s.budget.id === id)!;
    expect(of(diningBudget.budget.id)).toMatchObject({ from: '2026-11-01', to: '2026-11-30' });
    expect(of(diningBudget.budget.id).spentMinor).toBe(
      await total([dining], '2026-11-01', '2026-11-30'),
    );
    expect(of(diningBudget.budget.id).spentMinor).toBe(2_500 - 700 + 6_000);
    expect(of(foodBudget.budget.id).spentMinor).toBe(
      await total([food.category.id, coffee.category.id], '2026-11-01', '2026-11-30'),
    );
    expect(of(foodBudget.budget.id).spentMinor).toBe(1_200 + 300 + 2_500);
    // The ISO week of the 18th: Monday 16 – Sunday 22 November.
    expect(of(weekly.budget.id)).toMatchObject({ from: '2026-11-16', to: '2026-11-22' });
    expect(of(weekly.budget.id).spentMinor).toBe(await total([dining], '2026-11-16', '2026-11-22'));
    const week2 = await api.budgets.status({ period: '2026-11-10', today: '2026-11-18' });
    const w2 = week2.budgets.find((s) => s.budget.id === weekly.budget.id)!;
    expect(w2).toMatchObject({ from: '2026-11-09', to: '2026-11-15' });
    expect(w2.spentMinor).toBe(await total([dining], '2026-11-09', '2026-11-15'));
    expect(w2.spentMinor).toBe(6_000 - 700);

    // Every period of the history agrees with the summary too.
    const history = await api.budgets.history({ periods: 3, period: '2026-12-10' });
    const foodHistory = history.budgets.find((b) => b.budget.id === foodBudget.budget.id)!;
    expect(foodHistory.periods.map((p) => p.from)).toEqual([
      '2026-10-01',
      '2026-11-01',
      '2026-12-01',
    ]);
    for (const p of history.budgets.flatMap((b) =>
      b.periods.map((period) => ({ budget: b.budget, period })),
    )) {
      const ids =
        p.budget.groupId !== null ? [food.category.id, coffee.category.id] : [p.budget.categoryId!];
      expect(p.period.spentMinor).toBe(await total(ids, p.period.from, p.period.to));
    }
  });

  it('leaves out budgets that do not cover the period, and counts their health', async () => {
    const { user, api } = await h.signedInUser();
    await api.budgets.create({
      categoryId: user.categories.Dining!,
      period: 'monthly',
      amountMinor: 10_000,
      startsOn: '2026-11-01',
      endsOn: '2026-11-30',
    });
    await api.budgets.create({
      categoryId: user.categories.Travel!,
      period: 'monthly',
      amountMinor: 10_000,
      startsOn: '2026-12-05',
    });
    await h.insertTransactions(user, [
      { occurred_on: '2026-11-02', amount_minor: -20_000, category_id: user.categories.Dining! },
    ]);
    const november = await api.budgets.status({ period: '2026-11-10', today: '2026-12-06' });
    expect(november.budgets.map((s) => s.budget.name)).toEqual(['Dining']);
    expect(november.counts).toEqual({ on_track: 0, at_risk: 0, over: 1 });
    const december = await api.budgets.status({ today: '2026-12-06' });
    expect(december.budgets.map((s) => s.budget.name)).toEqual(['Travel']);
    expect(december.counts).toEqual({ on_track: 1, at_risk: 0, over: 0 });
    // A budget starting mid-month covers that whole month.
    expect(december.budgets[0]).toMatchObject({ from: '2026-12-01', to: '2026-12-31' });
  });
});

/** The rollover as a person would work it out by hand, period after period. */
function handModel(amount: number, rollover: BudgetRollover, spends: number[]) {
  const rows: { rolloverMinor: number; availableMinor: number }[] = [];
  let carried = 0;
  for (const spent of spends) {
    const available = amount + carried - spent;
    rows.push({ rolloverMinor: carried, availableMinor: available });
    if (rollover === 'none') carried = 0;
    else if (rollover === 'both') carried = available;
    else if (rollover === 'unspent') carried = available > 0 ? available : 0;
    else carried = available < 0 ? available : 0;
  }
  return rows;
}

describe('rollover', () => {
  it('over 24 periods equals a hand model, weekly and monthly, for every rollover', async () => {
    const { user, api } = await h.signedInUser();
    const dining = user.categories.Dining!;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('weekly' as const, 'monthly' as const),
        fc.constantFrom<BudgetRollover>('none', 'unspent', 'overspent', 'both'),
        fc.integer({ min: 1, max: 50_000 }),
        // Per period: nothing, or one or two entries (a refund is a positive one).
        fc.array(
          fc.array(
            fc.integer({ min: -60_000, max: 20_000 }).filter((n) => n !== 0),
            {
              maxLength: 2,
            },
          ),
          { minLength: 24, maxLength: 24 },
        ),
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: 0, max: 23 }),
        async (period, rollover, amount, perPeriod, shown, askedAt) => {
          // Each run budgets its own stretch of time and removes what it wrote, so no run (a
          // shrinking one included) sees another's rows.
          const start =
            period === 'monthly'
              ? addMonths('1901-01-01', (run % 70) * 24)
              : addDays('2050-01-03', (run % 90) * 7 * 24);
          run += 1;
          const periodStart = (i: number) =>
            period === 'monthly' ? addMonths(start, i) : addDays(start, 7 * i);
          const rows = perPeriod.flatMap((amounts, i) =>
            amounts.map((amountMinor, j) => ({
              occurred_on: addDays(periodStart(i), j * 3),
              amount_minor: amountMinor,
              category_id: dining,
            })),
          );
          const ids = await h.insertTransactions(user, rows);
          const created = await api.budgets.create({
            categoryId: dining,
            period,
            amountMinor: amount,
            startsOn: addDays(start, 1), // mid-period: the whole first period counts
            endsOn: addDays(periodStart(24), -1),
            rollover,
          });
          try {
            const history = await api.budgets.history({
              periods: 24,
              period: periodStart(23),
              budgetId: created.budget.id,
            });
            const spends = perPeriod.map((amounts) => amounts.reduce((a, b) => a - b, 0));
            const model = handModel(amount, rollover, spends);
            const got = history.budgets[0]!.periods;
            expect(got.map((p) => p.from)).toEqual(perPeriod.map((_, i) => periodStart(i)));
            expect(got.map((p) => p.spentMinor)).toEqual(spends);
            expect(
              got.map(({ rolloverMinor, availableMinor }) => ({ rolloverMinor, availableMinor })),
            ).toEqual(model);
            // Fewer periods shown, or a period asked for mid-way: the same figures, carried
            // from the first period whatever is shown.
            const tail = await api.budgets.history({
              periods: shown,
              period: periodStart(askedAt),
              budgetId: created.budget.id,
            });
            const from = Math.max(0, askedAt - shown + 1);
            expect(
              tail.budgets[0]!.periods.map(({ rolloverMinor, availableMinor }) => ({
                rolloverMinor,
                availableMinor,
              })),
            ).toEqual(model.slice(from, askedAt + 1));
            const status = await api.budgets.status({
              period: periodStart(askedAt),
              today: periodStart(askedAt),
            });
            const current = status.budgets.find((b) => b.budget.id === created.budget.id)!;
            expect(current).toMatchObject({ ...model[askedAt]!, spentMinor: spends[askedAt] });
          } finally {
            await api.budgets.delete({ id: created.budget.id });
            if (ids.length > 0) await api.transactions.delete({ ids });
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  it('carries from the first period even when only the last ones are shown', async () => {
    const { user, api } = await h.signedInUser();
    const dining = user.categories.Dining!;
    await h.insertTransactions(user, [
      { occurred_on: '2025-01-10', amount_minor: -1_000, category_id: dining },
    ]);
    const created = await api.budgets.create({
      categoryId: dining,
      period: 'monthly',
      amountMinor: 5_000,
      startsOn: '2025-01-01',
      rollover: 'unspent',
    });
    const history = await api.budgets.history({
      periods: 2,
      period: '2026-12-06',
      budgetId: created.budget.id,
    });
    // 4,000 unspent in January 2025, then 5,000 in each of the 21 months from February 2025 to
    // October 2026.
    expect(history.budgets[0]!.periods).toEqual([
      {
        from: '2026-11-01',
        to: '2026-11-30',
        amountMinor: 5_000,
        rolloverMinor: 4_000 + 21 * 5_000,
        spentMinor: 0,
        availableMinor: 4_000 + 22 * 5_000,
      },
      {
        from: '2026-12-01',
        to: '2026-12-31',
        amountMinor: 5_000,
        rolloverMinor: 4_000 + 22 * 5_000,
        spentMinor: 0,
        availableMinor: 4_000 + 23 * 5_000,
      },
    ]);
  });
});

describe('health', () => {
  const period = (spentMinor: number, rolloverMinor = 0): BudgetPeriodFigures => ({
    from: '2026-11-01',
    to: '2026-11-30',
    amountMinor: 30_000,
    rolloverMinor,
    spentMinor,
    availableMinor: 30_000 + rolloverMinor - spentMinor,
  });

  it('is on track on the even line, at risk one cent past it, over past the amount', () => {
    // Day 10 of 30: the even line is 10,000 of 30,000.
    expect(paceOf(period(10_000), '2026-11-10')).toMatchObject({
      elapsedDays: 10,
      paceMinor: 10_000,
      projectedMinor: 30_000,
      health: 'on_track',
      // 20,000 left over 21 days (today included), rounded down.
      remainingPerDayMinor: 952,
    });
    expect(paceOf(period(10_001), '2026-11-10').health).toBe('at_risk');
    expect(paceOf(period(30_000), '2026-11-10').health).toBe('at_risk');
    expect(paceOf(period(30_001), '2026-11-10')).toMatchObject({
      health: 'over',
      availableMinor: -1,
      remainingPerDayMinor: 0,
    });
    // The last day: exactly the amount is on track, a cent more is over.
    expect(paceOf(period(30_000), '2026-11-30')).toMatchObject({
      health: 'on_track',
      remainingPerDayMinor: 0,
    });
    expect(paceOf(period(30_001), '2026-11-30').health).toBe('over');
    // Refunds beyond purchases: negative spend, on track.
    expect(paceOf(period(-500), '2026-11-01').health).toBe('on_track');
  });

  it('reads past periods as whole and future ones as not begun, rollover included', () => {
    expect(paceOf(period(29_000), '2026-12-06')).toMatchObject({
      elapsedDays: 30,
      paceMinor: 30_000,
      remainingPerDayMinor: null,
      health: 'on_track',
    });
    expect(paceOf(period(0), '2026-10-20')).toMatchObject({
      elapsedDays: 0,
      paceMinor: 0,
      remainingPerDayMinor: 1_000,
      health: 'on_track',
    });
    // Overspending carried in beyond the amount: over before a cent is spent.
    expect(paceOf(period(0, -30_001), '2026-11-01').health).toBe('over');
    // Unspent money carried in raises the line: 15,000 by day 10 of 60,000 is on track.
    expect(paceOf(period(15_000, 30_000), '2026-11-10')).toMatchObject({
      paceMinor: 20_000,
      health: 'on_track',
    });
  });
});

describe('changes', () => {
  it('are change sets that History describes and undo reverts', async () => {
    const { user, api } = await h.signedInUser();
    const created = await api.budgets.create({
      categoryId: user.categories.Dining!,
      period: 'monthly',
      amountMinor: 40_000,
      startsOn: '2026-11-01',
    });
    expect(created.description).toBe('Created a monthly budget of $400.00 for Dining');
    const updated = await api.budgets.update({
      id: created.budget.id,
      patch: { amountMinor: 45_000 },
    });
    expect(updated.budget.amountMinor).toBe(45_000);
    expect(updated.description).toBe(
      'Changed the amount of the monthly budget for Dining to $450.00',
    );
    const listed = await api.history.list({ limit: 1 });
    expect(listed.items[0]).toMatchObject({
      id: updated.changeSetId,
      description: updated.description,
      rows: [{ table: 'budgets', op: 'update', label: 'a monthly budget from 1 Nov 2026' }],
    });

    const undone = await api.history.undo({ changeSetId: updated.changeSetId });
    expect(undone.description).toBe(`Undid: ${updated.description}`);
    expect((await api.budgets.list())[0]).toEqual(created.budget);
    // Undoing the undo redoes.
    await api.history.undo({ changeSetId: undone.changeSetId });
    expect((await api.budgets.list())[0]!.amountMinor).toBe(45_000);

    const deleted = await api.budgets.delete({ id: created.budget.id });
    expect(deleted.description).toBe('Deleted the monthly budget of $450.00 for Dining');
    expect(await api.budgets.list()).toEqual([]);
    await api.history.undo({ changeSetId: deleted.changeSetId });
    expect((await api.budgets.list())[0]).toMatchObject({
      id: created.budget.id,
      amountMinor: 45_000,
    });

    // A budget edited after a change set stops its undo.
    await api.budgets.update({ id: created.budget.id, patch: { rollover: 'both' } });
    await expect(api.history.undo({ changeSetId: updated.changeSetId })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('follow a category merge, and keep a category in use from being deleted', async () => {
    const { user, api } = await h.signedInUser();
    const dining = user.categories.Dining!;
    const groceries = user.categories.Groceries!;
    const budget = await api.budgets.create({
      categoryId: dining,
      period: 'weekly',
      amountMinor: 5_000,
      startsOn: '2026-11-01',
    });
    await expect(api.categories.delete({ id: dining })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: "'Dining' is used by 1 budget: merge it into another category or archive it",
    });
    const merged = await api.categories.merge({ from: dining, into: groceries });
    expect(merged.moved.budgets).toBe(1);
    expect(merged.description).toBe("Merged 'Dining' into 'Groceries' (0 rows and 1 budget moved)");
    expect(await api.budgets.list()).toEqual([
      {
        ...budget.budget,
        categoryId: groceries,
        name: 'Groceries',
        color: expect.any(String) as string,
      },
    ]);
    await api.history.undo({ changeSetId: merged.changeSetId });
    expect((await api.budgets.list())[0]).toMatchObject({ categoryId: dining, name: 'Dining' });
    // Archiving keeps the budget, marked.
    await api.categories.archive({ id: dining });
    expect((await api.budgets.list())[0]).toMatchObject({ archived: true });
  });
});

describe('bad input', () => {
  it('is refused with a typed error, writing nothing', async () => {
    const { user, api } = await h.signedInUser();
    const other = await h.createUser();
    const good = {
      categoryId: user.categories.Dining!,
      period: 'monthly' as const,
      amountMinor: 10_000,
      startsOn: '2026-11-01',
    };
    await api.budgets.create(good);
    const before = await changeSetCount(user);
    const refusals: [unknown, string][] = [
      [{ ...good, amountMinor: 0 }, 'BAD_REQUEST'],
      [{ ...good, amountMinor: -5 }, 'BAD_REQUEST'],
      [{ ...good, amountMinor: 1.5 }, 'BAD_REQUEST'],
      [{ ...good, amountMinor: MAX_BUDGET_MINOR + 1 }, 'BAD_REQUEST'],
      [{ ...good, startsOn: '1899-12-31' }, 'BAD_REQUEST'],
      [{ ...good, startsOn: '2026-11-01', endsOn: '2101-01-01' }, 'BAD_REQUEST'],
      [{ ...good, startsOn: '2026-02-30' }, 'BAD_REQUEST'],
      [{ ...good, endsOn: '2026-10-31' }, 'BAD_REQUEST'],
      [{ ...good, period: 'yearly' }, 'BAD_REQUEST'],
      [{ ...good, rollover: 'sometimes' }, 'BAD_REQUEST'],
      [{ ...good, groupId: user.categories.Travel! }, 'BAD_REQUEST'],
      [{ ...good, categoryId: undefined }, 'BAD_REQUEST'],
      [{ ...good, categoryId: 'not-a-uuid' }, 'BAD_REQUEST'],
      [{ ...good, extra: 1 }, 'BAD_REQUEST'],
      [{ ...good, categoryId: user.categories.Salary! }, 'BAD_REQUEST'],
      [{ ...good, categoryId: other.categories.Dining! }, 'NOT_FOUND'],
      [{ ...good, categoryId: undefined, groupId: other.categories.Dining! }, 'NOT_FOUND'],
      // Dining already has a monthly budget from November on.
      [{ ...good, startsOn: '2027-03-01' }, 'CONFLICT'],
      [{ ...good, startsOn: '2020-01-01', endsOn: '2026-11-01' }, 'CONFLICT'],
    ];
    for (const [input, code] of refusals) {
      await expect(
        api.budgets.create(input as Parameters<Api['budgets']['create']>[0]),
        JSON.stringify(input),
      ).rejects.toMatchObject({ code });
    }
    // A group budget must name a group.
    const food = await api.categories.create({ name: 'Food', kind: 'expense' });
    const coffee = await api.categories.create({
      name: 'Coffee',
      kind: 'expense',
      parentId: food.category.id,
    });
    const afterCategories = await changeSetCount(user);
    expect(afterCategories).toBe(before + 2);
    await expect(
      api.budgets.create({ ...good, categoryId: undefined, groupId: coffee.category.id }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('not a group') as string,
    });
    const [existing] = await api.budgets.list();
    await expect(
      api.budgets.update({
        id: existing!.id,
        patch: { startsOn: '2027-01-01', endsOn: '2026-01-01' },
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      api.budgets.update({ id: existing!.id, patch: { endsOn: '2026-10-01' } }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'A budget cannot end before it starts',
    });
    await expect(api.budgets.update({ id: existing!.id, patch: {} })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(
      api.budgets.update({ id: existing!.id, patch: { categoryId: other.categories.Dining! } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const otherApi = await h.callerFor(other);
    await expect(otherApi.budgets.delete({ id: existing!.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      otherApi.budgets.update({ id: existing!.id, patch: { amountMinor: 1 } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.budgets.history({ periods: 25 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(api.budgets.status({ period: '2101-01-01' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await changeSetCount(user)).toBe(afterCategories);
    expect(await api.budgets.list()).toHaveLength(1);
    expect(await otherApi.budgets.list()).toEqual([]);
  });

  it('answers at both ends of the date domain', async () => {
    const { user, api } = await h.signedInUser();
    await api.budgets.create({
      categoryId: user.categories.Dining!,
      period: 'weekly',
      amountMinor: 1_000,
      startsOn: '1900-01-01',
      rollover: 'both',
    });
    const status = await api.budgets.status({ period: '2100-12-31', today: '2100-12-31' });
    // Every week from 1900 to the end of 2100 unspent, carried: still exact.
    expect(status.budgets[0]!.availableMinor % 1_000).toBe(0);
    // The week of 2100-12-31 (a Friday) is clipped to the date domain.
    expect(status.budgets[0]).toMatchObject({ from: '2100-12-27', to: '2100-12-31', days: 5 });
    const first = await api.budgets.history({ periods: 24, period: '1900-01-01' });
    expect(first.budgets[0]!.periods).toHaveLength(1);
  });
});
