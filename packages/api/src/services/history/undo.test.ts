import { openChangeSet, totalsDrift } from '@outlay/db';
import { domainRows } from '@outlay/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextInner } from '../../context.ts';
import { createCaller } from '../../root.ts';
import { createHarness, type Harness } from '../../testing.ts';
import { createMetricsCache } from '../metrics/metrics-cache.ts';

// History and undo (DESIGN §9): every change set can be undone from the database's log — after a
// reload, a restart or from another device — exactly, as a change set of its own (undoing it
// redoes), and never over a later change.

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.dispose());

const setUp = () => h.signedInUser();

const changeSets = async (userId: string) =>
  (await h.db.selectFrom('change_sets').select('id').where('user_id', '=', userId).execute())
    .length;

describe('history.undo', () => {
  it('restores the lines of a split that was split again into fewer or more lines', async () => {
    const { user, api } = await setUp();
    const cat = (name: string) => user.categories[name]!;
    const receipt = await api.transactions.create({
      accountId: user.accountIds[0]!,
      occurredOn: '2025-02-25',
      amountMinor: -9_000,
      splits: [
        { categoryId: cat('Groceries'), amountMinor: -4_000 },
        { categoryId: cat('Dining'), amountMinor: -3_000 },
        { categoryId: null, amountMinor: -1_500, memo: 'bag' },
        { categoryId: cat('Travel'), amountMinor: -500 },
      ],
    });
    const id = receipt.transactions[0]!.id;
    const fourLines = await domainRows(h.db, user.id);
    const fewer = await api.transactions.update({
      id,
      patch: {
        splits: [
          { categoryId: cat('Travel'), amountMinor: -5_000 },
          { categoryId: cat('Dining'), amountMinor: -4_000 },
        ],
      },
    });
    const twoLines = await domainRows(h.db, user.id);
    const more = await api.transactions.update({
      id,
      patch: {
        splits: [
          { categoryId: cat('Dining'), amountMinor: -3_000 },
          { categoryId: cat('Dining'), amountMinor: -3_000 },
          { categoryId: cat('Groceries'), amountMinor: -3_000 },
        ],
      },
    });
    await api.history.undo({ changeSetId: more.changeSetId });
    expect(await domainRows(h.db, user.id)).toEqual(twoLines);
    await api.history.undo({ changeSetId: fewer.changeSetId });
    expect(await domainRows(h.db, user.id)).toEqual(fourLines);
    expect((await api.transactions.get({ id })).lines.map((line) => line.amountMinor)).toEqual([
      -4_000, -3_000, -1_500, -500,
    ]);
    expect(await totalsDrift(h.db, user.id)).toEqual([]);
  });

  it('reverses every kind of write exactly, and undoing the undo redoes it', async () => {
    const { user, api } = await setUp();
    const cat = (name: string) => user.categories[name]!;
    const start = await domainRows(h.db, user.id);
    const writes: string[] = [];
    const receipt = await api.transactions.create({
      accountId: user.accountIds[0]!,
      occurredOn: '2025-03-01',
      amountMinor: -8_000,
      payee: 'Market',
      splits: [
        { categoryId: cat('Groceries'), amountMinor: -6_000 },
        { categoryId: cat('Dining'), amountMinor: -2_000 },
      ],
    });
    writes.push(receipt.changeSetId);
    const coffee = await api.transactions.create({
      accountId: user.accountIds[0]!,
      occurredOn: '2025-03-02',
      amountMinor: -450,
      payee: 'Coffee',
      categoryId: cat('Dining'),
    });
    writes.push(coffee.changeSetId);
    const transfer = await api.transfers.create({
      fromAccountId: user.accountIds[0]!,
      toAccountId: user.accountIds[1]!,
      occurredOn: '2025-03-03',
      amountMinor: 1_000,
    });
    writes.push(transfer.changeSetId);
    const coffeeId = coffee.transactions[0]!.id;
    const receiptId = receipt.transactions[0]!.id;
    writes.push(
      (
        await api.transactions.update({
          id: coffeeId,
          patch: { amountMinor: -500, notes: 'large' },
        })
      ).changeSetId,
    );
    writes.push(
      (
        await api.transactions.bulkUpdate({
          ids: [coffeeId, receiptId],
          set: { categoryId: cat('Travel'), payee: 'Trip' },
        })
      ).changeSetId,
    );
    const group = await api.categories.create({ name: 'Food', kind: 'expense' });
    writes.push(group.changeSetId);
    writes.push(
      (
        await api.categories.update({
          id: cat('Groceries'),
          patch: { parentId: group.category.id },
        })
      ).changeSetId,
    );
    writes.push(
      (await api.categories.merge({ from: cat('Travel'), into: cat('Dining') })).changeSetId,
    );
    writes.push(
      (
        await api.accounts.create({
          name: 'Cash',
          kind: 'cash',
          currency: 'USD',
          openingBalanceMinor: 2_000,
        })
      ).changeSetId,
    );
    writes.push(
      (await api.transactions.delete({ ids: [receiptId, transfer.transactions[1]!.id] }))
        .changeSetId,
    );
    expect(await totalsDrift(h.db, user.id)).toEqual([]);

    // Undo and redo the latest: the rows come back with their old keys, exactly.
    const afterAll = await domainRows(h.db, user.id);
    const latest = writes.at(-1)!;
    const undo = await api.history.undo({ changeSetId: latest });
    expect(undo).toMatchObject({ undoneId: latest, description: 'Undid: Deleted 3 transactions' });
    expect(await api.transactions.get({ id: receiptId })).toMatchObject({
      split: true,
      payee: 'Trip',
    });
    const redo = await api.history.undo({ changeSetId: undo.changeSetId });
    expect(redo.description).toBe('Redid: Deleted 3 transactions');
    expect(await domainRows(h.db, user.id)).toEqual(afterAll);
    expect(await totalsDrift(h.db, user.id)).toEqual([]);

    // Undo everything, newest first: back to the start, row for row.
    for (const id of [...writes].reverse()) {
      await api.history.undo({ changeSetId: id });
      expect(await totalsDrift(h.db, user.id)).toEqual([]);
    }
    expect(await domainRows(h.db, user.id)).toEqual(start);
    expect((await api.metrics.summary({ filter: {} })).transactionCount).toBe(0);

    const history = await api.history.list({ limit: 100 });
    const byId = new Map(history.items.map((item) => [item.id, item]));
    expect(writes.every((id) => byId.get(id)?.undone)).toBe(true);
    expect(byId.get(undo.changeSetId)).toMatchObject({ undone: true, undoesId: latest });
    expect(byId.get(redo.changeSetId)).toMatchObject({ undone: false, undoesId: undo.changeSetId });
  });

  it('refuses with CONFLICT when a row changed after the change set, naming it, and changes nothing', async () => {
    const { user, api } = await setUp();
    const ids: string[] = [];
    for (const payee of ['Coffee', 'Bakery', 'Books']) {
      const { transactions } = await api.transactions.create({
        accountId: user.accountIds[0]!,
        occurredOn: '2025-11-03',
        amountMinor: -450,
        payee,
        categoryId: user.categories.Dining!,
      });
      ids.push(transactions[0]!.id);
    }
    const bulk = await api.transactions.bulkUpdate({
      ids,
      set: { categoryId: user.categories.Groceries! },
    });
    await api.transactions.update({ id: ids[0]!, patch: { notes: 'edited later' } });
    const before = await domainRows(h.db, user.id);
    const sets = await changeSets(user.id);
    await expect(api.history.undo({ changeSetId: bulk.changeSetId })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining("'Coffee' on 3 Nov 2025, $4.50 changed after it") as string,
    });
    expect(await domainRows(h.db, user.id)).toEqual(before);
    expect(await changeSets(user.id)).toBe(sets);

    // A row deleted since is a conflict too; so is undoing a change twice.
    const create = await api.transactions.create({
      accountId: user.accountIds[0]!,
      occurredOn: '2025-11-04',
      amountMinor: -1,
    });
    await api.transactions.delete({ ids: [create.transactions[0]!.id] });
    await expect(api.history.undo({ changeSetId: create.changeSetId })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const last = await api.transactions.create({
      accountId: user.accountIds[0]!,
      occurredOn: '2025-11-05',
      amountMinor: -2,
    });
    await api.history.undo({ changeSetId: last.changeSetId });
    await expect(api.history.undo({ changeSetId: last.changeSetId })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^Already undone/) as string,
    });
  });

  it('writes nothing when the conflict is met after other tables were already written back', async () => {
    const { user, api } = await setUp();
    const pets = await api.categories.create({ name: 'Pets', kind: 'expense' });
    const ids: string[] = [];
    for (const payee of ['Vet', 'Pet shop']) {
      const { transactions } = await api.transactions.create({
        accountId: user.accountIds[0]!,
        occurredOn: '2025-06-02',
        amountMinor: -2_500,
        payee,
        categoryId: pets.category.id,
      });
      ids.push(transactions[0]!.id);
    }
    // Undoing the merge re-inserts the category before it moves the transactions back, and the
    // second of those changed since: the category must not come back on its own.
    const merge = await api.categories.merge({
      from: pets.category.id,
      into: user.categories.Dining!,
    });
    await api.transactions.update({ id: ids[1]!, patch: { notes: 'booster shot' } });
    const before = await domainRows(h.db, user.id);
    await expect(api.history.undo({ changeSetId: merge.changeSetId })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(
        "'Pet shop' on 2 Jun 2025, $25.00 changed after it",
      ) as string,
    });
    expect(await domainRows(h.db, user.id)).toEqual(before);
    expect(await totalsDrift(h.db, user.id)).toEqual([]);
  });

  it('sees a change made after the change set by a second change set of the same transaction', async () => {
    const { user, api } = await setUp();
    const pets = await api.categories.create({ name: 'Pets', kind: 'expense' });
    // No service opens two change sets in one transaction, but nothing in the database forbids
    // it; rows the two write share one transaction id, which must not pass for "unchanged".
    const first = await h.db.transaction().execute(async (trx) => {
      const actor = { kind: 'user' as const, id: user.id };
      const id = await openChangeSet(trx, { user, actor, action: 'test.rename', summary: {} });
      const rename = (name: string) =>
        trx
          .updateTable('categories')
          .set({ name })
          .where('user_id', '=', user.id)
          .where('id', '=', pets.category.id)
          .execute();
      await rename('Animals');
      await openChangeSet(trx, { user, actor, action: 'test.rename', summary: {} });
      await rename('Critters');
      return id;
    });
    const before = await domainRows(h.db, user.id);
    await expect(api.history.undo({ changeSetId: first })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('changed after it') as string,
    });
    expect(await domainRows(h.db, user.id)).toEqual(before);
  });

  it('refuses when a name it would restore is taken since, in words, and changes nothing', async () => {
    const { user, api } = await setUp();
    const pets = await api.categories.create({ name: 'Pets', kind: 'expense' });
    const rename = await api.categories.update({
      id: pets.category.id,
      patch: { name: 'Animals' },
    });
    await api.categories.create({ name: 'Pets', kind: 'expense' });
    const before = await domainRows(h.db, user.id);
    // The row itself is as the rename left it: the name it would take back is what clashes.
    await expect(api.history.undo({ changeSetId: rename.changeSetId })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('clashes with something added since') as string,
    });
    expect(await domainRows(h.db, user.id)).toEqual(before);
  });

  it('refuses to remove what later rows depend on', async () => {
    const { user, api } = await setUp();
    const account = await api.accounts.create({ name: 'Card', kind: 'credit', currency: 'USD' });
    const category = await api.categories.create({ name: 'Pets', kind: 'expense' });
    await api.transactions.create({
      accountId: account.account.id,
      occurredOn: '2025-01-01',
      amountMinor: -100,
      categoryId: category.category.id,
    });
    const before = await domainRows(h.db, user.id);
    for (const changeSetId of [account.changeSetId, category.changeSetId]) {
      await expect(api.history.undo({ changeSetId })).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringContaining('depend on') as string,
      });
    }
    expect(await domainRows(h.db, user.id)).toEqual(before);
  });

  it('works from another device and another server instance: the history lives in the database', async () => {
    const { user, api } = await setUp();
    const written = await api.transactions.create({
      accountId: user.accountIds[0]!,
      occurredOn: '2025-02-02',
      amountMinor: -999,
      payee: 'Elsewhere',
    });
    // A second session (another device) on a second API instance with its own cache.
    const other = createCaller(
      createContextInner(
        { ...h.deps, metricsCache: createMetricsCache() },
        { accessToken: await h.accessTokenFor(user) },
      ),
    );
    expect((await other.metrics.summary({ filter: {} })).totalSpend).toBe(999);
    const [entry] = (await other.history.list({ limit: 1 })).items;
    expect(entry).toMatchObject({
      id: written.changeSetId,
      description: "Added 'Elsewhere' on 2 Feb 2025, $9.99",
    });
    await other.history.undo({ changeSetId: written.changeSetId });
    expect((await api.metrics.summary({ filter: {} })).totalSpend).toBe(0);
    expect((await other.metrics.summary({ filter: {} })).totalSpend).toBe(0);
  });

  it('is refused for another user’s change set and for a change set that wrote nothing', async () => {
    const { api } = await setUp();
    const { user: other, api: theirs } = await setUp();
    const written = await theirs.transactions.create({
      accountId: other.accountIds[0]!,
      occurredOn: '2025-01-01',
      amountMinor: -1,
    });
    await expect(api.history.undo({ changeSetId: written.changeSetId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(api.history.rows({ changeSetId: written.changeSetId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await theirs.transactions.get({ id: written.transactions[0]!.id })).amountMinor).toBe(
      -1,
    );
  });
});

describe('history.list and history.rows', () => {
  it('pages newest first, previews a few rows, and pages through every row of a large change set', async () => {
    const { user, api } = await setUp();
    const rows = Array.from({ length: 30 }, (_, i) => ({
      occurred_on: '2025-05-01',
      amount_minor: -(i + 1),
      payee: `P${i}`,
    }));
    const ids = await h.insertTransactions(user, rows);
    const bulk = await api.transactions.bulkUpdate({ ids, set: { notes: 'checked' } });
    for (let i = 0; i < 4; i += 1) {
      await api.transactions.update({ id: ids[i]!, patch: { payee: `Renamed ${i}` } });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof api.history.list>> = await api.history.list({
        cursor,
        limit: 2,
      });
      seen.push(...page.items.map((item) => item.description));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.slice(0, 5)).toEqual([
      "Changed 'P3' on 1 May 2025, $0.04: payee",
      "Changed 'P2' on 1 May 2025, $0.03: payee",
      "Changed 'P1' on 1 May 2025, $0.02: payee",
      "Changed 'P0' on 1 May 2025, $0.01: payee",
      'Changed the notes of 30 transactions',
    ]);
    // Then the harness's insert and the user's starter categories and accounts.
    expect(seen).toHaveLength(7);
    const [bulkEntry] = (await api.history.list({ limit: 5 })).items.filter(
      (item) => item.id === bulk.changeSetId,
    );
    expect(bulkEntry).toMatchObject({ rowCount: 30, actor: { kind: 'user', id: user.id } });
    expect(bulkEntry!.rows).toHaveLength(5);
    expect(bulkEntry!.rows[0]).toMatchObject({
      table: 'transactions',
      op: 'update',
      before: { notes: null },
      after: { notes: 'checked' },
    });

    const all = [];
    let rowsCursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof api.history.rows>> = await api.history.rows({
        changeSetId: bulk.changeSetId,
        cursor: rowsCursor,
        limit: 7,
      });
      all.push(...page.items);
      rowsCursor = page.nextCursor;
    } while (rowsCursor);
    expect(new Set(all.map((row) => row.rowId))).toEqual(new Set(ids));
    expect(all.every((row) => /^'P\d+' on 1 May 2025, \$0\.\d\d$/.test(row.label))).toBe(true);
  });

  it('records an API token as the actor of what it writes', async () => {
    const { user } = await setUp();
    const session = await h.callerFor(user);
    const { token } = await session.auth.apiTokens.create({ name: 'script', scope: 'write' });
    const script = createCaller(createContextInner(h.deps, { accessToken: token }));
    const written = await script.transactions.create({
      accountId: user.accountIds[0]!,
      occurredOn: '2025-01-01',
      amountMinor: -1,
    });
    const [entry] = (await session.history.list({ limit: 1 })).items;
    expect(entry).toMatchObject({ id: written.changeSetId, actor: { kind: 'token' } });
    expect(entry!.actor.id).not.toBe(user.id);
  });
});
