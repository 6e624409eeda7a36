import type { TransactionFilter } from '@outlay/contracts';
import { totalsDrift } from '@outlay/db';
import { domainRows } from '@outlay/db/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type Harness, type TestUser } from '../../testing.ts';

// The invariants property (invariants.test.ts), grown to writes: random sequences of create,
// update, delete, bulk update, split, transfer, category merge and undo through the procedures.
// After every step, for a random filter: Σ overTime = summary.totalSpend = Σ byCategory (by
// category and by group) = Σ spendMinor of every listed row (split lines included) = an
// independent model of the spend definition, and the period totals equal a recount. At the end,
// undoing every change set of the sequence, newest first, gives back every user table exactly.

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.dispose());

type Api = Awaited<ReturnType<Harness['callerFor']>>;

// ---------------------------------------------------------------------------------------------
// The model: transactions as the test believes them to be, and the spend definition written
// again from DESIGN §3 over them.

interface ModelTransaction {
  id: string;
  account: number;
  date: string;
  amount: number;
  category: string | null;
  payee: string;
  lines: { category: string | null; amount: number }[] | null;
  transfer: string | null;
}
interface ModelState {
  transactions: Map<string, ModelTransaction>;
  /** Category name → kind, for the categories that exist. */
  categories: Map<string, 'expense' | 'income' | 'transfer'>;
}
const cloneState = (state: ModelState): ModelState => ({
  transactions: new Map([...state.transactions].map(([id, t]) => [id, structuredClone(t)])),
  categories: new Map(state.categories),
});

interface Entry {
  date: string;
  account: number;
  amount: number;
  category: string | null;
  payee: string;
  transfer: boolean;
}
function entriesOf(state: ModelState): Entry[] {
  return [...state.transactions.values()].flatMap((t) =>
    (t.lines ?? [{ category: t.category, amount: t.amount }]).map((line) => ({
      date: t.date,
      account: t.account,
      amount: line.amount,
      category: line.category,
      payee: t.payee,
      transfer: t.transfer !== null,
    })),
  );
}

function modelFigures(state: ModelState, filter: TransactionFilter, ids: Ids) {
  const kind = (e: Entry) => (e.category === null ? null : state.categories.get(e.category));
  const isSpend = (e: Entry) =>
    !e.transfer && (kind(e) === 'expense' || (e.category === null && e.amount < 0));
  const isIncome = (e: Entry) =>
    !e.transfer && (kind(e) === 'income' || (e.category === null && e.amount > 0));
  const matching = entriesOf(state).filter((e) => {
    if (filter.from && e.date < filter.from) return false;
    if (filter.to && e.date > filter.to) return false;
    if (filter.categoryIds !== undefined || filter.includeUncategorized) {
      const inCategory =
        e.category !== null && (filter.categoryIds ?? []).includes(ids.category(e.category));
      if (!inCategory && !(filter.includeUncategorized && e.category === null)) return false;
    }
    if (filter.accountIds && !filter.accountIds.includes(ids.account(e.account))) return false;
    if (filter.minAmount !== undefined && Math.abs(e.amount) < filter.minAmount) return false;
    if (filter.maxAmount !== undefined && Math.abs(e.amount) > filter.maxAmount) return false;
    if (filter.search && !e.payee.toLowerCase().includes(filter.search.toLowerCase())) return false;
    if (filter.kind === 'spend' && !isSpend(e)) return false;
    if (filter.kind === 'income' && !isIncome(e)) return false;
    return true;
  });
  return {
    count: matching.length,
    spend: matching.filter(isSpend).reduce((sum, e) => sum - e.amount, 0),
    income: matching.filter(isIncome).reduce((sum, e) => sum + e.amount, 0),
  };
}

interface Ids {
  category(name: string): string;
  account(index: number): string;
}

// ---------------------------------------------------------------------------------------------
// Generators

const CATEGORIES = ['Groceries', 'Dining', 'Travel', 'Salary', 'Transfer', 'Food'] as const;
const PAYEES = ['Fresh Market', 'Corner Cafe', 'City Rail', 'Book Nook', 'Payroll'];

const isoDate = fc
  .date({
    min: new Date('2024-11-25T00:00:00Z'),
    max: new Date('2025-03-10T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));
const amount = fc.integer({ min: -50_000, max: 50_000 }).filter((n) => n !== 0);
const category = fc.option(fc.constantFrom(...CATEGORIES), { nil: null, freq: 4 });
const payee = fc.constantFrom(...PAYEES);
const parts = fc.array(fc.record({ category, amount }), { minLength: 2, maxLength: 4 });

const operation = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('create' as const),
      date: isoDate,
      amount,
      category,
      payee,
      account: fc.nat(1),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('split' as const),
      date: isoDate,
      parts,
      payee,
      account: fc.nat(1),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('update' as const),
      pick: fc.nat(),
      date: fc.option(isoDate, { nil: undefined }),
      amount: fc.option(amount, { nil: undefined }),
      category: fc.option(category, { nil: undefined }),
      payee: fc.option(payee, { nil: undefined }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('resplit' as const),
      pick: fc.nat(),
      parts,
      whole: fc.boolean(),
      category,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('delete' as const),
      picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('bulk' as const),
      picks: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
      category,
      payee: fc.option(payee, { nil: undefined }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('transfer' as const),
      date: isoDate,
      amount: fc.integer({ min: 1, max: 90_000 }),
      from: fc.nat(1),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('merge' as const),
      from: fc.constantFrom(...CATEGORIES),
      into: fc.constantFrom(...CATEGORIES),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('undo' as const) }) },
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

const sometimes = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary, weight: 1 });
const filterShape = fc.record({
  dates: sometimes(fc.tuple(isoDate, isoDate).map(([a, b]) => (a <= b ? [a, b] : [b, a]))),
  categories: sometimes(fc.subarray([...CATEGORIES])),
  includeUncategorized: sometimes(fc.boolean()),
  account: sometimes(fc.nat(1)),
  amounts: sometimes(
    fc
      .tuple(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 60_000 }))
      .map(([min, width]) => [min, min + width]),
  ),
  search: sometimes(fc.constantFrom('fresh', 'CAFE', 'o', 'zzz')),
  kind: sometimes(fc.constantFrom('spend' as const, 'income' as const, 'all' as const)),
});
type FilterShape = typeof filterShape extends fc.Arbitrary<infer T> ? T : never;

function toFilter(shape: FilterShape, ids: Ids): TransactionFilter {
  const filter: TransactionFilter = {};
  if (shape.dates) [filter.from, filter.to] = shape.dates;
  if (shape.categories) filter.categoryIds = shape.categories.map((name) => ids.category(name));
  if (shape.includeUncategorized !== undefined)
    filter.includeUncategorized = shape.includeUncategorized;
  if (shape.account !== undefined) filter.accountIds = [ids.account(shape.account)];
  if (shape.amounts) [filter.minAmount, filter.maxAmount] = shape.amounts;
  if (shape.search) filter.search = shape.search;
  if (shape.kind) filter.kind = shape.kind;
  return filter;
}

// ---------------------------------------------------------------------------------------------
// Applying an operation to the API and the model alike

async function apply(
  api: Api,
  ids: Ids,
  state: ModelState,
  operation: Operation,
): Promise<{ changeSetId: string; next: ModelState } | null> {
  const next = cloneState(state);
  const live = [...state.transactions.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const pick = (n: number) => live[n % live.length];
  const exists = (name: string | null) => name === null || state.categories.has(name);
  const catId = (name: string | null) => (name === null ? null : ids.category(name));

  switch (operation.op) {
    case 'create': {
      if (!exists(operation.category)) return null;
      const { changeSetId, transactions } = await api.transactions.create({
        accountId: ids.account(operation.account),
        occurredOn: operation.date,
        amountMinor: operation.amount,
        categoryId: catId(operation.category),
        payee: operation.payee,
      });
      const id = transactions[0]!.id;
      next.transactions.set(id, {
        id,
        account: operation.account,
        date: operation.date,
        amount: operation.amount,
        category: operation.category,
        payee: operation.payee,
        lines: null,
        transfer: null,
      });
      return { changeSetId, next };
    }
    case 'split': {
      const total = operation.parts.reduce((sum, p) => sum + p.amount, 0);
      if (total === 0 || !operation.parts.every((p) => exists(p.category))) return null;
      const { changeSetId, transactions } = await api.transactions.create({
        accountId: ids.account(operation.account),
        occurredOn: operation.date,
        amountMinor: total,
        payee: operation.payee,
        splits: operation.parts.map((p) => ({
          categoryId: catId(p.category),
          amountMinor: p.amount,
        })),
      });
      const id = transactions[0]!.id;
      next.transactions.set(id, {
        id,
        account: operation.account,
        date: operation.date,
        amount: total,
        category: null,
        payee: operation.payee,
        lines: operation.parts.map((p) => ({ ...p })),
        transfer: null,
      });
      return { changeSetId, next };
    }
    case 'update': {
      const target = pick(operation.pick);
      if (!target) return null;
      const t = next.transactions.get(target.id)!;
      if (target.transfer) {
        if (operation.date === undefined && operation.amount === undefined) return null;
        const patch = {
          ...(operation.date !== undefined ? { occurredOn: operation.date } : {}),
          ...(operation.amount !== undefined ? { amountMinor: operation.amount } : {}),
        };
        const { changeSetId } = await api.transactions.update({ id: t.id, patch });
        const partner = [...next.transactions.values()].find(
          (o) => o.transfer === t.transfer && o.id !== t.id,
        )!;
        t.date = partner.date = operation.date ?? t.date;
        if (operation.amount !== undefined)
          [t.amount, partner.amount] = [operation.amount, -operation.amount];
        return { changeSetId, next };
      }
      const patch: Record<string, unknown> = {};
      if (operation.date !== undefined) patch.occurredOn = t.date = operation.date;
      if (operation.payee !== undefined) patch.payee = t.payee = operation.payee;
      if (!t.lines) {
        if (operation.amount !== undefined) patch.amountMinor = t.amount = operation.amount;
        if (operation.category !== undefined && exists(operation.category)) {
          patch.categoryId = catId(operation.category);
          t.category = operation.category;
        }
      }
      if (Object.keys(patch).length === 0) return null;
      const { changeSetId } = await api.transactions.update({ id: t.id, patch });
      return { changeSetId, next };
    }
    case 'resplit': {
      const target = pick(operation.pick);
      if (!target || target.transfer) return null;
      const t = next.transactions.get(target.id)!;
      if (operation.whole) {
        if (!exists(operation.category)) return null;
        const { changeSetId } = await api.transactions.update({
          id: t.id,
          patch: { splits: null, categoryId: catId(operation.category) },
        });
        [t.lines, t.category] = [null, operation.category];
        return { changeSetId, next };
      }
      const lines = operation.parts.map((p) => ({ ...p }));
      lines.at(-1)!.amount = t.amount - lines.slice(0, -1).reduce((sum, p) => sum + p.amount, 0);
      if (lines.some((l) => l.amount === 0 || !exists(l.category))) return null;
      const { changeSetId } = await api.transactions.update({
        id: t.id,
        patch: {
          splits: lines.map((l) => ({ categoryId: catId(l.category), amountMinor: l.amount })),
        },
      });
      [t.lines, t.category] = [lines, null];
      return { changeSetId, next };
    }
    case 'delete': {
      const targets = [
        ...new Set(operation.picks.map((n) => pick(n)?.id).filter((id): id is string => !!id)),
      ];
      if (targets.length === 0) return null;
      const { changeSetId } = await api.transactions.delete({ ids: targets });
      for (const id of targets) {
        const transfer = next.transactions.get(id)?.transfer;
        next.transactions.delete(id);
        for (const o of [...next.transactions.values()])
          if (transfer && o.transfer === transfer) next.transactions.delete(o.id);
      }
      return { changeSetId, next };
    }
    case 'bulk': {
      const targets = [
        ...new Set(operation.picks.map((n) => pick(n)?.id).filter((id): id is string => !!id)),
      ];
      if (targets.length === 0 || !exists(operation.category)) return null;
      const { changeSetId } = await api.transactions.bulkUpdate({
        ids: targets,
        set: {
          categoryId: catId(operation.category),
          ...(operation.payee ? { payee: operation.payee } : {}),
        },
      });
      for (const id of targets) {
        const t = next.transactions.get(id)!;
        if (t.lines) for (const line of t.lines) line.category = operation.category;
        else t.category = operation.category;
        if (operation.payee) t.payee = operation.payee;
      }
      return { changeSetId, next };
    }
    case 'transfer': {
      const { changeSetId, transactions } = await api.transfers.create({
        fromAccountId: ids.account(operation.from),
        toAccountId: ids.account(1 - operation.from),
        occurredOn: operation.date,
        amountMinor: operation.amount,
        payee: 'Savings',
      });
      const [out, into] = transactions;
      for (const [row, account, value] of [
        [out!, operation.from, -operation.amount],
        [into!, 1 - operation.from, operation.amount],
      ] as const) {
        next.transactions.set(row.id, {
          id: row.id,
          account,
          date: operation.date,
          amount: value,
          category: null,
          payee: 'Savings',
          lines: null,
          transfer: row.transfer!.id,
        });
      }
      return { changeSetId, next };
    }
    case 'merge': {
      const { from, into } = operation;
      // Food is a group holding Groceries and Dining while they exist; it must be emptied first.
      const groupHasChildren =
        from === 'Food' && (state.categories.has('Groceries') || state.categories.has('Dining'));
      if (
        from === into ||
        !state.categories.has(from) ||
        !state.categories.has(into) ||
        groupHasChildren
      )
        return null;
      const { changeSetId } = await api.categories.merge({
        from: ids.category(from),
        into: ids.category(into),
      });
      for (const t of next.transactions.values()) {
        if (t.category === from) t.category = into;
        for (const line of t.lines ?? []) if (line.category === from) line.category = into;
      }
      next.categories.delete(from);
      return { changeSetId, next };
    }
    case 'undo':
      return null; // handled by the caller, which knows the change sets
  }
}

// ---------------------------------------------------------------------------------------------

async function assertAgreement(
  api: Api,
  ids: Ids,
  state: ModelState,
  filter: TransactionFilter,
  limit: number,
  userId: string,
) {
  const model = modelFigures(state, filter, ids);
  const [summary, overTime, byCategory, byGroup] = [
    await api.metrics.summary({ filter }),
    await api.metrics.overTime({ filter }),
    await api.metrics.byCategory({ filter }),
    await api.metrics.byCategory({ filter, groupBy: 'group' }),
  ];
  const seen = new Set<string>();
  let listSpend = 0;
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<Api['transactions']['list']>> = await api.transactions.list({
      filter,
      limit,
      cursor,
    });
    for (const item of page.items) {
      expect(seen.has(item.entryId)).toBe(false);
      seen.add(item.entryId);
      listSpend += item.spendMinor;
    }
    cursor = page.nextCursor;
  } while (cursor !== null);
  const where = JSON.stringify(filter);
  expect(summary.totalSpend, where).toBe(model.spend);
  expect(summary.totalIncome, where).toBe(model.income);
  expect(summary.transactionCount, where).toBe(model.count);
  expect(
    overTime.buckets.reduce((sum, b) => sum + b.spendMinor, 0),
    where,
  ).toBe(model.spend);
  expect(
    byCategory.categories.reduce((sum, c) => sum + c.spendMinor, 0),
    where,
  ).toBe(model.spend);
  expect(
    byGroup.categories.reduce((sum, c) => sum + c.spendMinor, 0),
    where,
  ).toBe(model.spend);
  expect(byGroup.totalSpend, where).toBe(model.spend);
  expect(listSpend, where).toBe(model.spend);
  expect(seen.size, where).toBe(model.count);
  expect(await totalsDrift(h.db, userId)).toEqual([]);
}

it('keeps every figure equal to the model through random writes and undos, and undoes back to the start', async () => {
  let steps = 0;
  let spendSeen = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.record({ operation, filter: filterShape }), { minLength: 3, maxLength: 12 }),
      fc.integer({ min: 5, max: 40 }),
      async (sequence, limit) => {
        const user: TestUser = await h.createUser();
        const api = await h.callerFor(user);
        const food = await api.categories.create({ name: 'Food', kind: 'expense' });
        for (const name of ['Groceries', 'Dining']) {
          await api.categories.update({
            id: user.categories[name]!,
            patch: { parentId: food.category.id },
          });
        }
        const categoryIds: Record<string, string> = { ...user.categories, Food: food.category.id };
        const ids: Ids = {
          category: (name) => categoryIds[name]!,
          account: (index) => user.accountIds[index]!,
        };
        let state: ModelState = {
          transactions: new Map(),
          categories: new Map([
            ['Groceries', 'expense'],
            ['Dining', 'expense'],
            ['Travel', 'expense'],
            ['Salary', 'income'],
            ['Transfer', 'transfer'],
            ['Food', 'expense'],
          ]),
        };
        const start = await domainRows(h.db, user.id);
        const done: { changeSetId: string; before: ModelState }[] = [];

        for (const { operation: op, filter: shape } of sequence) {
          if (op.op === 'undo') {
            const latest = done.at(-1);
            if (!latest) continue;
            const { changeSetId } = await api.history.undo({ changeSetId: latest.changeSetId });
            done.push({ changeSetId, before: state });
            state = cloneState(latest.before);
          } else {
            const result = await apply(api, ids, state, op);
            if (!result) continue;
            done.push({ changeSetId: result.changeSetId, before: state });
            state = result.next;
          }
          steps += 1;
          // The random filter, and every row: a narrow filter often matches nothing, and the
          // whole history must agree after every step as well.
          const filter = toFilter(shape, ids);
          for (const compared of Object.keys(filter).length > 0 ? [filter, {}] : [filter]) {
            if (modelFigures(state, compared, ids).spend !== 0) spendSeen += 1;
            await assertAgreement(api, ids, state, compared, limit, user.id);
          }
        }

        for (const { changeSetId } of [...done].reverse()) {
          await api.history.undo({ changeSetId });
        }
        expect(await domainRows(h.db, user.id)).toEqual(start);
        expect(await totalsDrift(h.db, user.id)).toEqual([]);
        expect((await api.metrics.summary({ filter: {} })).transactionCount).toBe(0);
      },
    ),
    { numRuns: 12 },
  );
  // Guards the generators: the sequences must do real work, and the figures compared must hold
  // real money.
  expect(steps).toBeGreaterThanOrEqual(40);
  expect(spendSeen).toBeGreaterThanOrEqual(15);
}, 300_000);
