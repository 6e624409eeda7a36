import { addDays, addMonths } from '@outlay/contracts';
import { domainRows } from '@outlay/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextInner } from '../../context.ts';
import { createCaller } from '../../root.ts';
import { createHarness, type Harness, type TestUser } from '../../testing.ts';
import { scheduleDueItemsJob } from './due-items-schedule.ts';
import { runDueItemsJob } from './run-due-items-job.ts';

// Recurring items and due items (DESIGN §12), through the procedures on a real database: due
// items generate themselves, idempotently, from today to the horizon; a series change moves only
// its unpaid future; paying, skipping and reordering are change sets History describes and undo
// reverts; bad input is refused in words and writes nothing.

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.dispose());

/** A caller whose server clock says `today` (noon UTC). */
async function callerAt(user: TestUser, today: string) {
  return createCaller(
    createContextInner(
      { ...h.deps, now: () => new Date(`${today}T12:00:00Z`) },
      { accessToken: await h.accessTokenFor(user) },
    ),
  );
}

async function setUp(today = '2026-01-10') {
  const user = await h.createUser();
  return { user, api: await callerAt(user, today) };
}

const dueRows = (userId: string) =>
  h.db
    .selectFrom('due_items')
    .select(['recurring_id', 'due_on', 'amount_minor', 'status', 'transaction_id'])
    .where('user_id', '=', userId)
    .orderBy('recurring_id')
    .orderBy('due_on')
    .execute();

const changeSetCount = async (userId: string) =>
  (await h.db.selectFrom('change_sets').select('id').where('user_id', '=', userId).execute())
    .length;

const rent = (user: TestUser, extra: Record<string, unknown> = {}) => ({
  name: 'Rent',
  payee: 'Landlord Ltd',
  amountMinor: -120_000,
  accountId: user.accountIds[0]!,
  categoryId: user.categories.Travel!,
  rrule: 'FREQ=MONTHLY;BYMONTHDAY=1',
  startsOn: '2025-06-01',
  ...extra,
});

describe('generation', () => {
  it('creating a series makes its due items from today through 13 months, in the same change set', async () => {
    const { user, api } = await setUp('2026-01-10');
    const created = await api.recurring.create(rent(user));
    expect(created.description).toBe("Added the recurring item 'Rent'");
    // From 1 Feb 2026 (today is 10 Jan) to 10 Feb 2027: 13 first-of-the-months.
    const rows = await dueRows(user.id);
    expect(rows.map((r) => r.due_on)).toEqual(
      Array.from({ length: 13 }, (_, i) => addMonths('2026-02-01', i)),
    );
    expect(created.dueItems).toEqual({ added: 13, changed: 0, removed: 0 });
    expect(created.item.nextDueOn).toBe('2026-02-01');
    // One change set: undoing it removes the series and its due items.
    const before = await changeSetCount(user.id);
    await api.history.undo({ changeSetId: created.changeSetId });
    expect(await dueRows(user.id)).toEqual([]);
    expect(await api.recurring.list()).toEqual([]);
    expect(await changeSetCount(user.id)).toBe(before + 1);
  });

  it('the job run twice gives the same set, and the second run writes nothing', async () => {
    const { user, api } = await setUp('2026-01-10');
    await api.recurring.create(rent(user));
    await api.recurring.create(
      rent(user, { name: 'Gym', rrule: 'FREQ=WEEKLY;BYDAY=MO', amountMinor: -2_500 }),
    );
    const afterCreate = await dueRows(user.id);
    const first = await runDueItemsJob(h.db, { today: '2026-01-10' });
    expect(first.ran).toBe(true);
    expect(await dueRows(user.id)).toEqual(afterCreate);
    const sets = await changeSetCount(user.id);
    await runDueItemsJob(h.db, { today: '2026-01-10' });
    expect(await dueRows(user.id)).toEqual(afterCreate);
    expect(await changeSetCount(user.id)).toBe(sets);
    // A month later the horizon has moved: the job adds what came into it, as actor `job`.
    const later = await runDueItemsJob(h.db, { today: '2026-02-12' });
    expect(later.ran).toBe(true);
    const rows = await dueRows(user.id);
    expect(rows.map((r) => r.due_on)).toContain('2027-03-01');
    expect(new Set(rows.map((r) => `${r.recurring_id} ${r.due_on}`)).size).toBe(rows.length);
    const jobSets = await h.db
      .selectFrom('change_sets')
      .select(['actor_kind', 'action'])
      .where('user_id', '=', user.id)
      .where('action', '=', 'jobs.dueItems')
      .execute();
    expect(jobSets).toEqual([{ actor_kind: 'job', action: 'jobs.dueItems' }]);
    const history = await api.history.list({});
    expect(history.items[0]!.description).toMatch(/^Scheduled \d+ due items$/);
  });

  it('two runs at once (two connections) never duplicate a due item', async () => {
    const { user, api } = await setUp('2026-01-10');
    await api.recurring.create(rent(user, { rrule: 'FREQ=DAILY', amountMinor: -300 }));
    // Remove the generated rows behind the log's back, so both runs have work to race for.
    await h.write(user, (trx) =>
      trx.deleteFrom('due_items').where('user_id', '=', user.id).execute(),
    );
    const [a, b] = await Promise.all([
      runDueItemsJob(h.db, { today: '2026-01-10' }),
      runDueItemsJob(h.db, { today: '2026-01-10' }),
    ]);
    expect(a.ran || b.ran).toBe(true);
    const rows = await dueRows(user.id);
    expect(rows).toHaveLength(397);
    expect(new Set(rows.map((r) => r.due_on)).size).toBe(397);
    const added = [a, b].reduce((n, run) => n + run.totals.added, 0);
    expect(added).toBeGreaterThanOrEqual(397);
    // Whichever way the two interleaved, the user got exactly one job change set with the rows.
    const jobSets = await h.db
      .selectFrom('change_sets')
      .select('id')
      .where('user_id', '=', user.id)
      .where('action', '=', 'jobs.dueItems')
      .execute();
    expect(jobSets).toHaveLength(1);
  });

  it('the in-process schedule runs the job at start, again on demand, and stops cleanly', async () => {
    const { user, api } = await setUp('2026-01-10');
    await api.recurring.create(rent(user));
    const results: number[] = [];
    const errors: unknown[] = [];
    const schedule = scheduleDueItemsJob(h.db, {
      now: () => new Date('2026-03-02T08:00:00Z'),
      onResult: (result) => results.push(result.totals.added),
      onError: (error) => errors.push(error),
    });
    // While the start-up run is under way, asking for a run joins it rather than starting another.
    const startUp = await schedule.runNow();
    const again = await schedule.runNow();
    await schedule.stop();
    expect(errors).toEqual([]);
    // The start-up run topped the series up to 2 Apr 2027; the next run found nothing to do.
    expect((await dueRows(user.id)).at(-1)!.due_on).toBe('2027-04-01');
    expect(startUp?.totals.added).toBeGreaterThan(0);
    expect(again).toEqual({ ran: true, users: 0, totals: { added: 0, changed: 0, removed: 0 } });
    expect(results).toHaveLength(2);
  });

  it('a run finds the lock taken by another session and leaves the work to it', async () => {
    await h.db.connection().execute(async (conn) => {
      await sql`select pg_advisory_lock(7240113)`.execute(conn);
      try {
        // On PGlite one session serves everyone, and a session may take its own lock again.
        if (h.kind === 'postgres') {
          const result = await runDueItemsJob(h.db, { today: '2026-01-10' });
          expect(result).toEqual({
            ran: false,
            users: 0,
            totals: { added: 0, changed: 0, removed: 0 },
          });
        }
      } finally {
        await sql`select pg_advisory_unlock(7240113)`.execute(conn);
      }
    });
  });
});

describe('changing a series', () => {
  it('moves only unpaid future occurrences; paid and past ones stay as they were', async () => {
    const { user, api } = await setUp('2026-01-10');
    const { item } = await api.recurring.create(rent(user));
    const { items } = await api.dueItems.list({ from: '2026-01-01', to: '2026-04-30' });
    const february = items.find((d) => d.dueOn === '2026-02-01')!;
    await api.dueItems.markPaid({ id: february.id, occurredOn: '2026-01-30' });
    const march = items.find((d) => d.dueOn === '2026-03-01')!;
    await api.dueItems.skip({ id: march.id });

    const changed = await api.recurring.update({
      id: item.id,
      patch: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=15', amountMinor: -125_000 },
    });
    expect(changed.description).toBe(
      "Changed the amount and schedule of the recurring item 'Rent'",
    );
    const rows = await dueRows(user.id);
    const paid = rows.filter((r) => r.status === 'paid');
    expect(paid).toEqual([
      expect.objectContaining({ due_on: '2026-02-01', amount_minor: -120_000 }),
    ]);
    const unpaid = rows.filter((r) => r.status !== 'paid');
    expect(unpaid.map((r) => r.due_on)).toEqual(
      Array.from({ length: 13 }, (_, i) => addMonths('2026-01-15', i)),
    );
    expect(unpaid.every((r) => r.amount_minor === -125_000 && r.status === 'upcoming')).toBe(true);
    expect(changed.dueItems).toEqual({ added: 13, changed: 0, removed: 12 });

    // Only the amount: upcoming items follow, the paid one keeps what was paid.
    await api.recurring.update({ id: item.id, patch: { amountMinor: -130_000 } });
    const after = await dueRows(user.id);
    expect(after.filter((r) => r.status === 'paid')).toEqual(paid);
    expect(
      after.filter((r) => r.status === 'upcoming').every((r) => r.amount_minor === -130_000),
    ).toBe(true);
  });

  it('one occurrence moves or takes its own amount without its series, and keeps it', async () => {
    const { user, api } = await setUp('2026-01-10');
    const { item } = await api.recurring.create(rent(user));
    const { items } = await api.dueItems.list({ from: '2026-01-01', to: '2026-05-31' });
    const on = (day: string) => items.find((d) => d.dueOn === day)!;

    const moved = await api.dueItems.update({
      id: on('2026-02-01').id,
      patch: { dueOn: '2026-02-03' },
    });
    expect(moved.description).toBe("Moved 'Rent' due 1 Feb 2026 to 3 Feb 2026");
    expect(moved.item).toMatchObject({
      dueOn: '2026-02-03',
      scheduledOn: '2026-02-01',
      amountEdited: false,
    });
    const march = await api.dueItems.update({
      id: on('2026-03-01').id,
      patch: { amountMinor: -125_000 },
    });
    expect(march.description).toBe("Set the amount of 'Rent' due 1 Mar 2026");
    // April's payment is made early, in February: the occurrence is still April's.
    await api.dueItems.update({ id: on('2026-04-01').id, patch: { dueOn: '2026-02-25' } });

    // The series' amount changes: every occurrence follows but March, which has its own; the
    // moved ones stay where they are, and no schedule day comes back as a second occurrence.
    await api.recurring.update({ id: item.id, patch: { amountMinor: -130_000 } });
    const days = async () =>
      (await dueRows(user.id))
        .filter((r) => r.due_on < '2026-06-01')
        .map((r) => [r.due_on, r.amount_minor]);
    const expected = [
      ['2026-02-01', -130_000],
      ['2026-02-03', -130_000],
      ['2026-02-25', -130_000],
      ['2026-03-01', -125_000],
      ['2026-05-01', -130_000],
    ].filter(([day]) => day !== '2026-02-01');
    expect(await days()).toEqual(expected);
    // Later runs of the job, today and once the moved days have passed, keep it so.
    for (const today of ['2026-01-10', '2026-02-02', '2026-02-26']) {
      await runDueItemsJob(h.db, { today });
      expect(await days()).toEqual(expected);
    }

    // Moved back to the schedule's own day, it is not moved any more; undo moves it again.
    const back = await api.dueItems.update({
      id: on('2026-02-01').id,
      patch: { dueOn: '2026-02-01' },
    });
    expect(back.item).toMatchObject({ dueOn: '2026-02-01', scheduledOn: null });
    await api.history.undo({ changeSetId: back.changeSetId });
    expect((await api.dueItems.list({ from: '2026-02-03', to: '2026-02-03' })).items).toEqual([
      expect.objectContaining({ dueOn: '2026-02-03', scheduledOn: '2026-02-01' }),
    ]);

    // Refused in words: onto another occurrence's day, into the past, beyond the window, a paid
    // item, a change that changes nothing. Nothing is written.
    const sets = await changeSetCount(user.id);
    const refusals: [Record<string, unknown>, string, string][] = [
      [{ dueOn: '2026-03-01' }, 'CONFLICT', "'Rent' is already due on 2026-03-01"],
      [{ dueOn: '2026-01-09' }, 'BAD_REQUEST', 'from today (2026-01-10) to 2027-02-10'],
      [{ dueOn: '2027-03-01' }, 'BAD_REQUEST', 'not 2027-03-01'],
      [{ dueOn: '2026-02-03' }, 'BAD_REQUEST', 'already is like that'],
    ];
    for (const [patch, code, message] of refusals) {
      await expect(api.dueItems.update({ id: on('2026-02-01').id, patch })).rejects.toMatchObject({
        code,
        message: expect.stringContaining(message) as string,
      });
    }
    await api.dueItems.markPaid({ id: on('2026-05-01').id, occurredOn: '2026-01-10' });
    const setsAfterPaying = await changeSetCount(user.id);
    expect(setsAfterPaying).toBe(sets + 1);
    await expect(
      api.dueItems.update({ id: on('2026-05-01').id, patch: { amountMinor: -1 } }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('is paid') as string,
    });
    expect(await changeSetCount(user.id)).toBe(setsAfterPaying);
  });

  it('pause removes unpaid future due items, resume brings them back; both undoable', async () => {
    const { user, api } = await setUp('2026-01-10');
    const { item } = await api.recurring.create(rent(user));
    const first = (await api.dueItems.list({ from: '2026-02-01', to: '2026-02-01' })).items[0]!;
    await api.dueItems.markPaid({ id: first.id });
    const before = await domainRows(h.db, user.id);
    const paused = await api.recurring.pause({ id: item.id });
    expect(paused.item).toMatchObject({ paused: true, nextDueOn: null });
    expect((await dueRows(user.id)).map((r) => r.status)).toEqual(['paid']);
    expect(paused.description).toBe("Paused the recurring item 'Rent'");
    await api.history.undo({ changeSetId: paused.changeSetId });
    expect(await domainRows(h.db, user.id)).toEqual(before);

    await api.recurring.pause({ id: item.id });
    // Resumed weeks later: occurrences from the new today on, the paid one kept.
    const later = await callerAt(user, '2026-03-05');
    const resumed = await later.recurring.resume({ id: item.id });
    expect(resumed.item).toMatchObject({ paused: false, nextDueOn: '2026-04-01' });
    const rows = await dueRows(user.id);
    expect(rows[0]).toMatchObject({ due_on: '2026-02-01', status: 'paid' });
    expect(rows.slice(1).map((r) => r.due_on)[0]).toBe('2026-04-01');
  });

  it('delete removes the series and all its due items; the payments stay; undo restores all', async () => {
    const { user, api } = await setUp('2026-01-10');
    const { item } = await api.recurring.create(rent(user));
    const first = (await api.dueItems.list({ from: '2026-02-01', to: '2026-02-01' })).items[0]!;
    const paid = await api.dueItems.markPaid({ id: first.id });
    const before = await domainRows(h.db, user.id);
    const deleted = await api.recurring.delete({ id: item.id });
    expect(deleted).toMatchObject({ id: item.id, dueItemsRemoved: 13 });
    expect(await dueRows(user.id)).toEqual([]);
    expect(await api.transactions.get({ id: paid.item.transactionId! })).toMatchObject({
      amountMinor: -120_000,
    });
    await api.history.undo({ changeSetId: deleted.changeSetId });
    expect(await domainRows(h.db, user.id)).toEqual(before);
  });
});

describe('due items', () => {
  it('markPaid records the transaction, links it, and history.undo reverts both', async () => {
    const { user, api } = await setUp('2026-01-10');
    await api.recurring.create(rent(user));
    const due = (await api.dueItems.list({ from: '2026-02-01', to: '2026-02-01' })).items[0]!;
    const before = await domainRows(h.db, user.id);
    const paid = await api.dueItems.markPaid({ id: due.id });
    expect(paid.description).toBe("Paid 'Rent' due 1 Feb 2026: $1,200.00 on 10 Jan 2026");
    expect(paid.item).toMatchObject({ status: 'paid', dueOn: '2026-02-01' });
    const transaction = await api.transactions.get({ id: paid.item.transactionId! });
    expect(transaction).toMatchObject({
      accountId: user.accountIds[0],
      occurredOn: '2026-01-10',
      amountMinor: -120_000,
      payee: 'Landlord Ltd',
      categoryId: user.categories.Travel,
    });
    // The payment counts as spend like any transaction.
    const summary = await api.metrics.summary({ filter: { from: '2026-01-01', to: '2026-01-31' } });
    expect(summary.totalSpend).toBe(120_000);
    await expect(api.dueItems.markPaid({ id: due.id })).rejects.toMatchObject({ code: 'CONFLICT' });

    await api.history.undo({ changeSetId: paid.changeSetId });
    expect(await domainRows(h.db, user.id)).toEqual(before);
    const again = (await api.dueItems.list({ from: '2026-02-01', to: '2026-02-01' })).items[0]!;
    expect(again).toMatchObject({ status: 'upcoming', transactionId: null });
  });

  it('deleting the paying transaction makes the item unpaid again; undoing the delete pays it again', async () => {
    const { user, api } = await setUp('2026-01-10');
    await api.recurring.create(rent(user));
    const due = (await api.dueItems.list({ from: '2026-02-01', to: '2026-02-01' })).items[0]!;
    const paid = await api.dueItems.markPaid({ id: due.id, amountMinor: -119_000 });
    const deleted = await api.transactions.delete({ ids: [paid.item.transactionId!] });
    const [row] = (await api.dueItems.list({ from: '2026-02-01', to: '2026-02-01' })).items;
    expect(row).toMatchObject({ status: 'upcoming', transactionId: null });
    await api.history.undo({ changeSetId: deleted.changeSetId });
    const [restored] = (await api.dueItems.list({ from: '2026-02-01', to: '2026-02-01' })).items;
    expect(restored).toMatchObject({ status: 'paid', transactionId: paid.item.transactionId });
  });

  it('statuses follow today: overdue, due within 7 days, upcoming; skipped and paid as stored', async () => {
    const { user, api } = await setUp('2026-01-10');
    await api.recurring.create(
      rent(user, { name: 'Paper', rrule: 'FREQ=WEEKLY;BYDAY=FR', amountMinor: -500 }),
    );
    const later = await callerAt(user, '2026-01-20');
    const list = await later.dueItems.list({ from: '2026-01-10', to: '2026-02-06' });
    expect(list.items.map((d) => [d.dueOn, d.status])).toEqual([
      ['2026-01-16', 'overdue'],
      ['2026-01-23', 'due'],
      ['2026-01-30', 'upcoming'],
      ['2026-02-06', 'upcoming'],
    ]);
    expect(list).toMatchObject({ overdueCount: 1, dueSoonCount: 1, today: '2026-01-20' });
    await later.dueItems.skip({ id: list.items[0]!.id });
    const after = await later.dueItems.list({ from: '2026-01-10', to: '2026-01-20' });
    expect(after.items[0]!.status).toBe('skipped');
    expect(after.overdueCount).toBe(0);
    await expect(later.dueItems.skip({ id: list.items[0]!.id })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('reorder persists the order within a day, and undo puts it back', async () => {
    const { user, api } = await setUp('2026-01-10');
    for (const name of ['Alpha', 'Bravo', 'Charlie']) {
      await api.recurring.create(rent(user, { name }));
    }
    const day = () => api.dueItems.list({ from: '2026-02-01', to: '2026-02-01' });
    const initial = (await day()).items;
    expect(initial.map((d) => d.name)).toEqual(['Alpha', 'Bravo', 'Charlie']);
    const wanted = [initial[2]!, initial[0]!, initial[1]!];
    const reordered = await api.dueItems.reorder({ ids: wanted.map((d) => d.id) });
    expect(reordered.description).toBe('Reordered 3 due items');
    // A new caller (a reload) reads the order from the database.
    const reloaded = await callerAt(user, '2026-01-10');
    expect(
      (await reloaded.dueItems.list({ from: '2026-02-01', to: '2026-02-01' })).items.map(
        (d) => d.name,
      ),
    ).toEqual(['Charlie', 'Alpha', 'Bravo']);
    // Other days keep date order, then the series' priority and name.
    const march = (await api.dueItems.list({ from: '2026-03-01', to: '2026-03-01' })).items;
    expect(march.map((d) => d.name)).toEqual(['Alpha', 'Bravo', 'Charlie']);
    await api.history.undo({ changeSetId: reordered.changeSetId });
    expect((await day()).items.map((d) => d.name)).toEqual(['Alpha', 'Bravo', 'Charlie']);
  });
});

describe('matching a new transaction to a due item', () => {
  it('a payment of the payee, amount and account near the due day pays it; undo unpays it', async () => {
    const { user, api } = await setUp('2026-01-10');
    await api.recurring.create(
      rent(user, {
        name: 'Netflix',
        payee: 'Netflix',
        amountMinor: -1_549,
        rrule: 'FREQ=MONTHLY;BYMONTHDAY=3',
      }),
    );
    await api.recurring.create(
      rent(user, {
        name: 'Power',
        payee: 'City Power',
        amountMinor: -8_000,
        toleranceMinor: 1_500,
        rrule: 'FREQ=MONTHLY;BYMONTHDAY=20',
      }),
    );
    const pay = (input: Record<string, unknown>) =>
      api.transactions.create({
        accountId: user.accountIds[0]!,
        occurredOn: '2026-02-04',
        amountMinor: -1_549,
        payee: 'NETFLIX.COM 8443',
        ...input,
      });
    const status = async (name: string, dueOn: string) =>
      (await api.dueItems.list({ from: dueOn, to: dueOn })).items.find((d) => d.name === name);

    // Not it: another account, another amount, too far from the day, another payee.
    await pay({ accountId: user.accountIds[1]! });
    await pay({ amountMinor: -1_599 });
    await pay({ occurredOn: '2026-02-12' });
    await pay({ payee: 'Hulu' });
    expect(await status('Netflix', '2026-02-03')).toMatchObject({
      status: 'upcoming',
      transactionId: null,
    });

    const paid = await pay({});
    expect(await status('Netflix', '2026-02-03')).toMatchObject({
      status: 'paid',
      transactionId: paid.transactions[0]!.id,
    });
    // The next one is a month away, so a second payment that day pays nothing more.
    await pay({});
    expect(await status('Netflix', '2026-03-03')).toMatchObject({ status: 'upcoming' });

    // An estimated bill: within its tolerance.
    const power = await api.transactions.create({
      accountId: user.accountIds[0]!,
      occurredOn: '2026-01-19',
      amountMinor: -9_200,
      payee: 'City Power',
    });
    expect(await status('Power', '2026-01-20')).toMatchObject({
      status: 'paid',
      transactionId: power.transactions[0]!.id,
    });

    await api.history.undo({ changeSetId: paid.changeSetId });
    expect(await status('Netflix', '2026-02-03')).toMatchObject({
      status: 'upcoming',
      transactionId: null,
    });
  });
});

describe('recurring.suggestions', () => {
  it('offers payees with a regular cadence and a stable amount, with the evidence, once', async () => {
    const { user, api } = await setUp('2026-01-10');
    const account = user.accountIds[0]!;
    const rows: Parameters<Harness['insertTransactions']>[1] = [];
    // Netflix: 14 months on the 3rd (one paid a day late), $15.49.
    for (let i = 0; i < 14; i += 1) {
      rows.push({
        occurred_on: addMonths('2024-11-03', i).replace(/-03$/, i === 5 ? '-04' : '-03'),
        amount_minor: -1_549,
        payee: 'Netflix',
        account_id: account,
      });
    }
    // A gym every week on Mondays, 10 times, $12 to $13.
    for (let i = 0; i < 10; i += 1) {
      rows.push({
        occurred_on: addDays('2025-11-03', 7 * i),
        amount_minor: i % 2 ? -1_200 : -1_300,
        payee: 'Gym',
        account_id: account,
      });
    }
    // Not subscriptions: groceries at random gaps and amounts; a monthly payee that stopped a
    // year ago; a monthly amount that varies by half.
    for (const [day, amount] of [
      ['2025-12-01', -4_000],
      ['2025-12-04', -9_000],
      ['2025-12-19', -2_500],
      ['2026-01-02', -12_000],
    ] as const) {
      rows.push({
        occurred_on: day,
        amount_minor: amount,
        payee: 'Corner Shop',
        account_id: account,
      });
    }
    for (let i = 0; i < 6; i += 1) {
      rows.push({
        occurred_on: addMonths('2024-06-10', i),
        amount_minor: -999,
        payee: 'Old Stream',
        account_id: account,
      });
      rows.push({
        occurred_on: addMonths('2025-07-15', i),
        amount_minor: i % 2 ? -5_000 : -10_000,
        payee: 'Power Co',
        account_id: account,
      });
    }
    await h.insertTransactions(user, rows);

    const suggestions = await api.recurring.suggestions();
    expect(suggestions.map((s) => s.evidence)).toEqual([
      'Netflix — 14 payments, monthly around the 3rd, $15.49',
      'Gym — 10 payments, weekly on Mondays, about $12.50',
    ]);
    const netflix = suggestions[0]!;
    expect(netflix).toMatchObject({
      amountMinor: -1_549,
      toleranceMinor: 0,
      cadence: 'monthly',
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=3',
      lastOn: '2025-12-03',
    });
    // One click to accept: the suggestion is a recurring item's input, next due on 3 Feb…
    const accepted = await api.recurring.create({
      name: netflix.payee,
      payee: netflix.payee,
      amountMinor: netflix.amountMinor,
      toleranceMinor: netflix.toleranceMinor,
      accountId: netflix.accountId,
      rrule: netflix.rrule,
      startsOn: netflix.startsOn,
    });
    expect(accepted.item.nextDueOn).toBe('2026-02-03');
    // …and it is not offered again.
    expect((await api.recurring.suggestions()).map((s) => s.payee)).toEqual(['Gym']);
  });
});

describe('refusals: typed, in words, nothing written', () => {
  it("refuses bad input and other users' rows, never with a 500", async () => {
    const { user, api } = await setUp('2026-01-10');
    const other = await setUp('2026-01-10');
    const { item } = await other.api.recurring.create(rent(other.user));
    const theirDue = (await other.api.dueItems.list({ from: '2026-02-01', to: '2026-02-01' }))
      .items[0]!;
    const mine = await api.recurring.create(rent(user));
    const before = await domainRows(h.db, user.id);
    const sets = await changeSetCount(user.id);
    const create = api.recurring.create as (input: unknown) => Promise<unknown>;
    const cases: [string, () => Promise<unknown>, string, RegExp?][] = [
      [
        'hourly rule',
        () => create(rent(user, { rrule: 'FREQ=HOURLY' })),
        'BAD_REQUEST',
        /FREQ=HOURLY is not supported/,
      ],
      [
        'rule that is not a rule',
        () => create(rent(user, { rrule: 'every month' })),
        'BAD_REQUEST',
        /NAME=VALUE/,
      ],
      [
        'BYDAY nonsense',
        () => create(rent(user, { rrule: 'FREQ=MONTHLY;BYDAY=XX' })),
        'BAD_REQUEST',
        /BYDAY takes weekdays/,
      ],
      [
        'rule too long',
        () => create(rent(user, { rrule: `FREQ=MONTHLY;BYMONTHDAY=${'1,'.repeat(300)}1` })),
        'BAD_REQUEST',
      ],
      ['zero amount', () => create(rent(user, { amountMinor: 0 })), 'BAD_REQUEST'],
      ['start past 2100', () => create(rent(user, { startsOn: '2101-01-01' })), 'BAD_REQUEST'],
      ['negative tolerance', () => create(rent(user, { toleranceMinor: -1 })), 'BAD_REQUEST'],
      ['unknown field', () => create({ ...rent(user), colour: 'red' }), 'BAD_REQUEST'],
      ['name too long', () => create(rent(user, { name: 'x'.repeat(101) })), 'BAD_REQUEST'],
      [
        "other user's account",
        () => create(rent(user, { accountId: other.user.accountIds[0] })),
        'NOT_FOUND',
      ],
      [
        "other user's category",
        () => create(rent(user, { categoryId: other.user.categories.Dining })),
        'NOT_FOUND',
      ],
      [
        "update other user's item",
        () => api.recurring.update({ id: item.id, patch: { name: 'Mine' } }),
        'NOT_FOUND',
      ],
      [
        'update with nothing',
        () => api.recurring.update({ id: mine.item.id, patch: {} }),
        'BAD_REQUEST',
      ],
      [
        'update to a bad rule',
        () => api.recurring.update({ id: mine.item.id, patch: { rrule: 'FREQ=SECONDLY' } }),
        'BAD_REQUEST',
      ],
      ["pause other user's item", () => api.recurring.pause({ id: item.id }), 'NOT_FOUND'],
      ["delete other user's item", () => api.recurring.delete({ id: item.id }), 'NOT_FOUND'],
      ["pay other user's due item", () => api.dueItems.markPaid({ id: theirDue.id }), 'NOT_FOUND'],
      ["skip other user's due item", () => api.dueItems.skip({ id: theirDue.id }), 'NOT_FOUND'],
      [
        "reorder other user's due item",
        () => api.dueItems.reorder({ ids: [theirDue.id] }),
        'NOT_FOUND',
      ],
      [
        'reorder the same id twice',
        () => api.dueItems.reorder({ ids: [theirDue.id, theirDue.id] }),
        'BAD_REQUEST',
      ],
      [
        'range over two years',
        () => api.dueItems.list({ from: '2026-01-01', to: '2028-06-01' }),
        'BAD_REQUEST',
        /at most 731 days/,
      ],
      [
        'range backwards',
        () => api.dueItems.list({ from: '2026-02-01', to: '2026-01-01' }),
        'BAD_REQUEST',
      ],
      [
        'range past 2100',
        () => api.dueItems.list({ from: '2100-12-01', to: '2101-01-31' }),
        'BAD_REQUEST',
      ],
    ];
    for (const [label, call, code, message] of cases) {
      const error = await call().then(
        () => null,
        (e: unknown) => e as { code: string; message: string },
      );
      expect(error?.code, label).toBe(code);
      if (message) {
        expect(error?.message, label).toMatch(message);
      }
    }
    expect(await domainRows(h.db, user.id)).toEqual(before);
    expect(await changeSetCount(user.id)).toBe(sets);
  });

  it('a category a series uses cannot be deleted; merging moves the series with it', async () => {
    const { user, api } = await setUp('2026-01-10');
    const { item } = await api.recurring.create(rent(user, { categoryId: user.categories.Dining }));
    const refused = await api.categories.delete({ id: user.categories.Dining! }).then(
      () => null,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(refused?.code).toBe('CONFLICT');
    expect(refused?.message).toMatch(/1 recurring item/);
    await api.categories.merge({ from: user.categories.Dining!, into: user.categories.Groceries! });
    const [after] = await api.recurring.list();
    expect(after).toMatchObject({ id: item.id, categoryName: 'Groceries' });
  });

  it('the window is bounded: today + 13 months, at most one item a day', async () => {
    const { user, api } = await setUp('2026-01-10');
    await api.recurring.create(rent(user, { rrule: 'FREQ=DAILY', startsOn: '1900-01-01' }));
    const rows = await dueRows(user.id);
    expect(rows[0]!.due_on).toBe('2026-01-10');
    expect(rows.at(-1)!.due_on).toBe(addMonths('2026-01-10', 13));
    expect(rows).toHaveLength(397);
  });
});
