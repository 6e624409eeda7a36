import { MAX_AMOUNT_MINOR, MAX_BULK_IDS } from '@outlay/contracts';
import { domainRows } from '@outlay/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createContextInner } from './context.ts';
import { createCaller } from './root.ts';
import { createHarness, type Harness, type TestUser } from './testing.ts';

// No input breaks a write: every new procedure answers bad input with a typed error, changes no
// row and writes no change set (DESIGN §4, §9).

let h: Harness;
let user: TestUser;
let other: TestUser;
let api: ReturnType<typeof createCaller>;
let mine: { transaction: string; eurAccount: string; activeCategory: string; changeSet: string };

beforeAll(async () => {
  h = await createHarness();
  [user, other] = [await h.createUser(), await h.createUser()];
  api = await h.callerFor(user);
  const created = await api.transactions.create({
    accountId: user.accountIds[0]!,
    occurredOn: '2025-01-01',
    amountMinor: -100,
    categoryId: user.categories.Dining!,
  });
  const eur = await api.accounts.create({ name: 'Euro', kind: 'cash', currency: 'EUR' });
  mine = {
    transaction: created.transactions[0]!.id,
    eurAccount: eur.account.id,
    activeCategory: user.categories.Travel!,
    changeSet: created.changeSetId,
  };
});
afterAll(() => h.dispose());

const uuid = '00000000-0000-4000-8000-000000000000';
const long = (n: number) => 'x'.repeat(n);

type Case = [label: string, call: () => Promise<unknown>, code: string];

function cases(): Case[] {
  const a = () => user.accountIds[0]!;
  const cat = (name: string) => user.categories[name]!;
  const theirs = { account: other.accountIds[0]!, category: other.categories.Dining! };
  // Deliberately untyped: these inputs are what a client could send, not what the types allow.
  const create = api.transactions.create as (input: unknown) => Promise<unknown>;
  const tx = (input: Record<string, unknown>) =>
    create({ accountId: a(), occurredOn: '2025-01-02', amountMinor: -1, ...input });
  return [
    ['create: zero amount', () => tx({ amountMinor: 0 }), 'BAD_REQUEST'],
    ['create: fractional amount', () => tx({ amountMinor: 1.5 }), 'BAD_REQUEST'],
    [
      'create: amount past the bound',
      () => tx({ amountMinor: -(MAX_AMOUNT_MINOR + 1) }),
      'BAD_REQUEST',
    ],
    ['create: unsafe integer', () => tx({ amountMinor: 2 ** 60 }), 'BAD_REQUEST'],
    ['create: date past 2100', () => tx({ occurredOn: '2101-01-01' }), 'BAD_REQUEST'],
    ['create: date that does not exist', () => tx({ occurredOn: '2025-02-30' }), 'BAD_REQUEST'],
    ['create: control character in payee', () => tx({ payee: 'Coffee\u0000' }), 'BAD_REQUEST'],
    ['create: newline in payee', () => tx({ payee: 'Cof\nfee' }), 'BAD_REQUEST'],
    ['create: payee too long', () => tx({ payee: long(201) }), 'BAD_REQUEST'],
    ['create: blank payee', () => tx({ payee: '   ' }), 'BAD_REQUEST'],
    ['create: notes too long', () => tx({ notes: long(2_001) }), 'BAD_REQUEST'],
    ['create: description too long', () => tx({ description: long(501) }), 'BAD_REQUEST'],
    ['create: unknown field', () => tx({ sneaky: true }), 'BAD_REQUEST'],
    ['create: account not a uuid', () => tx({ accountId: 'abc' }), 'BAD_REQUEST'],
    ['create: another user’s account', () => tx({ accountId: theirs.account }), 'NOT_FOUND'],
    ['create: another user’s category', () => tx({ categoryId: theirs.category }), 'NOT_FOUND'],
    ['create: a category that does not exist', () => tx({ categoryId: uuid }), 'NOT_FOUND'],
    [
      'create: split with a category of its own',
      () =>
        tx({
          categoryId: cat('Dining'),
          splits: [
            { categoryId: null, amountMinor: -1 },
            { categoryId: null, amountMinor: 0 },
          ],
        }),
      'BAD_REQUEST',
    ],
    [
      'create: lines that do not add up',
      () =>
        tx({
          amountMinor: -10,
          splits: [
            { categoryId: null, amountMinor: -3 },
            { categoryId: null, amountMinor: -3 },
          ],
        }),
      'BAD_REQUEST',
    ],
    [
      'create: one line',
      () => tx({ amountMinor: -3, splits: [{ categoryId: null, amountMinor: -3 }] }),
      'BAD_REQUEST',
    ],
    [
      'create: a line in another user’s category',
      () =>
        tx({
          amountMinor: -2,
          splits: [
            { categoryId: theirs.category, amountMinor: -1 },
            { categoryId: null, amountMinor: -1 },
          ],
        }),
      'NOT_FOUND',
    ],
    [
      'create: 101 lines',
      () =>
        tx({
          amountMinor: -101,
          splits: Array.from({ length: 101 }, () => ({ categoryId: null, amountMinor: -1 })),
        }),
      'BAD_REQUEST',
    ],
    ['get: not a uuid', () => api.transactions.get({ id: 'x' }), 'BAD_REQUEST'],
    [
      'ids: a filter with from after to',
      () => api.transactions.ids({ filter: { from: '2025-02-01', to: '2025-01-01' } }),
      'BAD_REQUEST',
    ],
    ['payees: limit 51', () => api.transactions.payees({ limit: 51 }), 'BAD_REQUEST'],
    [
      'payees: prefix too long',
      () => api.transactions.payees({ prefix: long(101) }),
      'BAD_REQUEST',
    ],
    [
      'update: empty patch',
      () => api.transactions.update({ id: mine.transaction, patch: {} }),
      'BAD_REQUEST',
    ],
    [
      'update: unknown field',
      () => api.transactions.update({ id: mine.transaction, patch: { split: true } as never }),
      'BAD_REQUEST',
    ],
    [
      'update: zero amount',
      () => api.transactions.update({ id: mine.transaction, patch: { amountMinor: 0 } }),
      'BAD_REQUEST',
    ],
    [
      'update: another user’s transaction',
      () => api.transactions.update({ id: uuid, patch: { payee: 'x' } }),
      'NOT_FOUND',
    ],
    [
      'update: move to another user’s account',
      () => api.transactions.update({ id: mine.transaction, patch: { accountId: theirs.account } }),
      'NOT_FOUND',
    ],
    ['delete: no ids', () => api.transactions.delete({ ids: [] }), 'BAD_REQUEST'],
    [
      'delete: too many ids',
      () => api.transactions.delete({ ids: Array.from({ length: MAX_BULK_IDS + 1 }, () => uuid) }),
      'BAD_REQUEST',
    ],
    [
      'delete: an id not the caller’s',
      () => api.transactions.delete({ ids: [mine.transaction, uuid] }),
      'NOT_FOUND',
    ],
    [
      'bulkUpdate: nothing to set',
      () => api.transactions.bulkUpdate({ ids: [mine.transaction], set: {} }),
      'BAD_REQUEST',
    ],
    [
      'bulkUpdate: another user’s category',
      () =>
        api.transactions.bulkUpdate({
          ids: [mine.transaction],
          set: { categoryId: theirs.category },
        }),
      'NOT_FOUND',
    ],
    [
      'bulkUpdate: payee with a control character',
      () => api.transactions.bulkUpdate({ ids: [mine.transaction], set: { payee: '\u001b[31m' } }),
      'BAD_REQUEST',
    ],
    [
      'transfer: into the same account',
      () =>
        api.transfers.create({
          fromAccountId: a(),
          toAccountId: a(),
          occurredOn: '2025-01-01',
          amountMinor: 1,
        }),
      'BAD_REQUEST',
    ],
    [
      'transfer: a negative amount',
      () =>
        api.transfers.create({
          fromAccountId: a(),
          toAccountId: user.accountIds[1]!,
          occurredOn: '2025-01-01',
          amountMinor: -5,
        }),
      'BAD_REQUEST',
    ],
    [
      'transfer: to another user’s account',
      () =>
        api.transfers.create({
          fromAccountId: a(),
          toAccountId: theirs.account,
          occurredOn: '2025-01-01',
          amountMinor: 5,
        }),
      'NOT_FOUND',
    ],
    [
      'transfer: between currencies',
      () =>
        api.transfers.create({
          fromAccountId: a(),
          toAccountId: mine.eurAccount,
          occurredOn: '2025-01-01',
          amountMinor: 5,
        }),
      'BAD_REQUEST',
    ],
    [
      'categories.create: empty name',
      () => api.categories.create({ name: '', kind: 'expense' }),
      'BAD_REQUEST',
    ],
    [
      'categories.create: name too long',
      () => api.categories.create({ name: long(101), kind: 'expense' }),
      'BAD_REQUEST',
    ],
    [
      'categories.create: bad colour',
      () => api.categories.create({ name: 'X', kind: 'expense', color: 'red' }),
      'BAD_REQUEST',
    ],
    [
      'categories.create: bad kind',
      () => api.categories.create({ name: 'X', kind: 'gift' as never }),
      'BAD_REQUEST',
    ],
    [
      'categories.create: a taken name',
      () => api.categories.create({ name: 'DINING', kind: 'expense' }),
      'CONFLICT',
    ],
    [
      'categories.create: in another user’s group',
      () => api.categories.create({ name: 'X', kind: 'expense', parentId: theirs.category }),
      'NOT_FOUND',
    ],
    [
      'categories.update: empty patch',
      () => api.categories.update({ id: cat('Dining'), patch: {} }),
      'BAD_REQUEST',
    ],
    [
      'categories.update: another user’s',
      () => api.categories.update({ id: theirs.category, patch: { name: 'X' } }),
      'NOT_FOUND',
    ],
    [
      'categories.archive: another user’s',
      () => api.categories.archive({ id: theirs.category }),
      'NOT_FOUND',
    ],
    [
      'categories.unarchive: not archived',
      () => api.categories.unarchive({ id: mine.activeCategory }),
      'CONFLICT',
    ],
    [
      'categories.merge: into itself',
      () => api.categories.merge({ from: cat('Dining'), into: cat('Dining') }),
      'BAD_REQUEST',
    ],
    [
      'categories.merge: another user’s',
      () => api.categories.merge({ from: cat('Dining'), into: theirs.category }),
      'NOT_FOUND',
    ],
    ['categories.delete: in use', () => api.categories.delete({ id: cat('Dining') }), 'CONFLICT'],
    [
      'categories.delete: another user’s',
      () => api.categories.delete({ id: theirs.category }),
      'NOT_FOUND',
    ],
    [
      'accounts.create: lower-case currency',
      () => api.accounts.create({ name: 'X', kind: 'cash', currency: 'usd' }),
      'BAD_REQUEST',
    ],
    [
      'accounts.create: bad kind',
      () => api.accounts.create({ name: 'X', kind: 'loan' as never, currency: 'USD' }),
      'BAD_REQUEST',
    ],
    [
      'accounts.create: a taken name',
      () => api.accounts.create({ name: 'account 1', kind: 'cash', currency: 'USD' }),
      'CONFLICT',
    ],
    [
      'accounts.create: fractional balance',
      () =>
        api.accounts.create({ name: 'X', kind: 'cash', currency: 'USD', openingBalanceMinor: 0.5 }),
      'BAD_REQUEST',
    ],
    [
      'accounts.create: opened before 1900',
      () =>
        api.accounts.create({ name: 'X', kind: 'cash', currency: 'USD', openedOn: '1899-12-31' }),
      'BAD_REQUEST',
    ],
    [
      'accounts.update: empty patch',
      () => api.accounts.update({ id: a(), patch: {} }),
      'BAD_REQUEST',
    ],
    [
      'accounts.update: another user’s',
      () => api.accounts.update({ id: theirs.account, patch: { name: 'X' } }),
      'NOT_FOUND',
    ],
    [
      'accounts.archive: another user’s',
      () => api.accounts.archive({ id: theirs.account }),
      'NOT_FOUND',
    ],
    ['accounts.unarchive: not archived', () => api.accounts.unarchive({ id: a() }), 'CONFLICT'],
    ['history.list: limit 0', () => api.history.list({ limit: 0 }), 'BAD_REQUEST'],
    ['history.list: limit 101', () => api.history.list({ limit: 101 }), 'BAD_REQUEST'],
    [
      'history.list: a forged cursor',
      () => api.history.list({ cursor: 'not-a-cursor' }),
      'BAD_REQUEST',
    ],
    [
      'history.rows: a forged cursor',
      () => api.history.rows({ changeSetId: mine.changeSet, cursor: 'abc' }),
      'BAD_REQUEST',
    ],
    ['history.rows: another user’s', () => api.history.rows({ changeSetId: uuid }), 'NOT_FOUND'],
    ['history.undo: not a uuid', () => api.history.undo({ changeSetId: 'x' }), 'BAD_REQUEST'],
    ['history.undo: another user’s', () => api.history.undo({ changeSetId: uuid }), 'NOT_FOUND'],
    [
      'metrics.byCategory: unknown grouping',
      () => api.metrics.byCategory({ groupBy: 'payee' as never }),
      'BAD_REQUEST',
    ],
  ];
}

it('answers bad input to every new procedure with a typed error, and writes nothing', async () => {
  const list = cases();
  expect(list.length).toBeGreaterThan(60);
  for (const [label, call, code] of list) {
    const rows = await domainRows(h.db, user.id);
    const sets = await h.db
      .selectFrom('change_sets')
      .select('id')
      .where('user_id', '=', user.id)
      .execute();
    await expect(call(), label).rejects.toMatchObject({ code });
    expect(await domainRows(h.db, user.id), label).toEqual(rows);
    expect(
      await h.db.selectFrom('change_sets').select('id').where('user_id', '=', user.id).execute(),
      label,
    ).toEqual(sets);
  }
});

it('refuses every mutation to a read-only API token, writing nothing', async () => {
  const session = await h.callerFor(user);
  const { token } = await session.auth.apiTokens.create({ name: 'reader', scope: 'read' });
  const reader = createCaller(createContextInner(h.deps, { accessToken: token }));
  const rows = await domainRows(h.db, user.id);
  const attempts: [string, () => Promise<unknown>][] = [
    [
      'transactions.create',
      () =>
        reader.transactions.create({
          accountId: user.accountIds[0]!,
          occurredOn: '2025-01-01',
          amountMinor: -1,
        }),
    ],
    ['transactions.delete', () => reader.transactions.delete({ ids: [mine.transaction] })],
    [
      'transfers.create',
      () =>
        reader.transfers.create({
          fromAccountId: user.accountIds[0]!,
          toAccountId: user.accountIds[1]!,
          occurredOn: '2025-01-01',
          amountMinor: 1,
        }),
    ],
    ['categories.create', () => reader.categories.create({ name: 'R', kind: 'expense' })],
    ['accounts.create', () => reader.accounts.create({ name: 'R', kind: 'cash', currency: 'USD' })],
    ['history.undo', () => reader.history.undo({ changeSetId: mine.changeSet })],
  ];
  for (const [label, attempt] of attempts) {
    await expect(attempt(), label).rejects.toMatchObject({ code: 'FORBIDDEN' });
  }
  expect(await domainRows(h.db, user.id)).toEqual(rows);
  // Reading still works.
  expect((await reader.history.list({})).items.length).toBeGreaterThan(0);
});
