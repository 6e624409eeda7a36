import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { outlayErrorCode } from '@outlay/client';
import { addDays, MAX_IMPORT_UPLOAD_BYTES, MAX_STATEMENT_BYTES, todayUtc } from '@outlay/contracts';
import { totalsDrift } from '@outlay/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  failure,
  registerClient,
  startTestServer,
  uploadForm,
  type TestServer,
} from './testing.ts';

// Importing bank files over real HTTP with the real @outlay/client (DESIGN §10): the file goes up
// as FormData, every row is classified against the account's rows, the person flips what they
// disagree with, the commit is one change set, and undo puts every row back exactly.

const FIXTURES = fileURLToPath(new URL('../../../packages/importers/fixtures/', import.meta.url));
const fixture = (path: string) => readFileSync(`${FIXTURES}${path}`);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ limits: { requestsPerMinute: 0, registrationsPerIp: 1_000 } });
});
afterAll(() => server.close());

const register = () => registerClient(server.baseUrl, 'importer');

/** Every transaction of a user as the database holds it (whole rows, for exact comparisons). */
async function rowsOf(userId: string) {
  const { rows } = await sql<{ row: Record<string, unknown> }>`
    select to_jsonb(t) as row from transactions t where user_id = ${userId}
    order by occurred_on, amount_minor, payee, id`.execute(server.testDb.db);
  return rows.map((r) => r.row);
}

async function batchesOf(userId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select (select count(*) from import_batches where user_id = ${userId})::int
      + (select count(*) from import_rows where user_id = ${userId})::int as n`.execute(
    server.testDb.db,
  );
  return rows[0]!.n;
}

describe('importing a CSV file', () => {
  it('previews into a new account, keeps a same-day reversal pair as two rows, and a second import adds nothing', async () => {
    const { client, userId } = await register();
    const { account } = await client.accounts.create.mutate({
      name: 'Checking',
      kind: 'checking',
      currency: 'USD',
    });
    const file = fixture('reckon/two_money_columns.csv');
    const preview = await client.imports.preview.mutate(
      uploadForm(file, 'two_money_columns.csv', { accountId: account.id }),
    );
    expect(preview).toMatchObject({
      format: 'csv',
      fileName: 'two_money_columns.csv',
      account: { id: account.id, currency: 'USD' },
      accountSuggested: false,
      counts: { total: 5, new: 5, alreadyImported: 0, probable: 0, possible: 0 },
      actions: { insert: 5, merge: 0, skip: 0 },
    });
    expect(preview.csv?.mapping.delimiter).toBe(',');

    const page = await client.imports.rows.query({ batchId: preview.batchId, limit: 3 });
    expect(page.items.map((r) => r.rowNo)).toEqual([1, 2, 3]);
    expect(page.nextCursor).toBe(3);
    const rest = await client.imports.rows.query({ batchId: preview.batchId, cursor: 3 });
    expect(rest.items.map((r) => [r.occurredOn, r.amountMinor])).toEqual([
      ['2008-03-26', -8_855],
      ['2008-03-26', 8_855],
    ]);
    expect(rest.nextCursor).toBeNull();
    expect(rest.items.every((r) => r.classification === 'new' && r.reason.startsWith('New'))).toBe(
      true,
    );

    const committed = await client.imports.commit.mutate({ batchId: preview.batchId });
    expect(committed).toMatchObject({ inserted: 5, merged: 0, skipped: 0 });
    expect(committed.description).toBe(
      'Imported 5 transactions from two_money_columns.csv (0 merged, 0 skipped)',
    );
    const list = await client.transactions.list.query({
      filter: { accountIds: [account.id] },
      limit: 50,
    });
    expect(list.items.map((t) => t.amountMinor).sort((a, b) => a - b)).toEqual([
      -80_000, -8_855, -7_600, 8_855, 32_749,
    ]);
    expect(await totalsDrift(server.testDb.db, userId)).toEqual([]);

    // The same file again: every row is found (by fingerprint: this file has no bank ids).
    const before = await rowsOf(userId);
    const again = await client.imports.preview.mutate(
      uploadForm(file, 'two_money_columns.csv', { accountId: account.id }),
    );
    expect(again.counts).toEqual({
      total: 5,
      new: 0,
      alreadyImported: 5,
      probable: 0,
      possible: 0,
    });
    const reasons = await client.imports.rows.query({ batchId: again.batchId });
    expect(reasons.items[0]!.reason).toBe(
      "Imported before: 'Check - 0000000122' on 1 Apr 2008 has the same date, amount and payee",
    );
    const second = await client.imports.commit.mutate({ batchId: again.batchId });
    expect(second).toMatchObject({ inserted: 0, merged: 0, skipped: 5 });
    expect(await rowsOf(userId)).toEqual(before);

    const batches = await client.imports.list.query();
    expect(batches.map((b) => [b.status, b.inserted, b.skipped])).toEqual([
      ['committed', 0, 5],
      ['committed', 5, 0],
    ]);
  });
});

describe('rows without a bank id', () => {
  it('keeps two identical purchases on one day as two rows, lets one hand-entered row be claimed once, and leaves out a zero amount', async () => {
    const { client, userId } = await register();
    const [everyday] = await client.accounts.list.query();
    await client.transactions.create.mutate({
      accountId: everyday!.id,
      occurredOn: '2026-01-05',
      amountMinor: -450,
      payee: 'Coffee',
      notes: 'typed at the counter',
    });
    const csv = [
      'Date,Payee,Amount',
      '2026-01-05,Coffee Bar,-4.50',
      '2026-01-05,Coffee Bar,-4.50',
      '2026-01-06,Card fee,0.00',
      '2026-01-07,Salary,2500.00',
    ].join('\n');
    const preview = await client.imports.preview.mutate(
      uploadForm(csv, 'january.csv', { accountId: everyday!.id }),
    );
    expect(preview.counts).toEqual({
      total: 3,
      new: 2,
      alreadyImported: 0,
      probable: 1,
      possible: 0,
    });
    expect(preview.errorCount).toBe(1);
    expect(preview.errors[0]!.message).toBe(
      'Line 4: an amount of zero is not a transaction; left out',
    );
    const rows = (await client.imports.rows.query({ batchId: preview.batchId })).items;
    expect(rows.map((r) => [r.rowNo, r.classification, r.action])).toEqual([
      [1, 'probable', 'merge'],
      [2, 'new', 'insert'],
      [3, 'new', 'insert'],
    ]);
    expect(rows[0]!.reason).toBe("Same date and amount as 'Coffee' on 5 Jan 2026, a similar payee");
    await client.imports.commit.mutate({ batchId: preview.batchId });
    const after = await rowsOf(userId);
    expect(after.map((r) => [r.occurred_on, r.amount_minor, r.payee, r.notes])).toEqual([
      ['2026-01-05', -450, 'Coffee', 'typed at the counter'],
      ['2026-01-05', -450, 'Coffee Bar', null],
      ['2026-01-07', 250_000, 'Salary', null],
    ]);

    const again = await client.imports.preview.mutate(
      uploadForm(csv, 'january.csv', { accountId: everyday!.id }),
    );
    expect(again.counts).toMatchObject({ total: 3, alreadyImported: 3 });
  });
});

describe('a statement that holds payments of a bill', () => {
  it('pays each due item with its own payment, says so, and undoing the import unpays them', async () => {
    const { client } = await register();
    const [everyday] = await client.accounts.list.query();
    const today = todayUtc(new Date());
    await client.recurring.create.mutate({
      name: 'Cleaner',
      payee: 'Sparkle Cleaning',
      amountMinor: -50_00,
      accountId: everyday!.id,
      rrule: 'FREQ=WEEKLY',
      startsOn: today,
    });
    // Each payment is within a week of both of the first two items; each pays the nearer one.
    const csv = [
      'Date,Payee,Amount',
      `${addDays(today, 1)},SPARKLE CLEANING 0042,-50.00`,
      `${addDays(today, 8)},SPARKLE CLEANING 0042,-50.00`,
      `${addDays(today, 2)},Corner Shop,-50.00`,
    ].join('\n');
    const preview = await client.imports.preview.mutate(
      uploadForm(csv, 'statement.csv', { accountId: everyday!.id }),
    );
    const committed = await client.imports.commit.mutate({ batchId: preview.batchId });
    expect(committed).toMatchObject({ inserted: 3, billsPaid: 2 });

    const due = async () =>
      (await client.dueItems.list.query({ from: today, to: addDays(today, 14) })).items.map(
        (item) => [item.dueOn, item.status, item.transactionId],
      );
    const { items: rows } = await client.transactions.list.query({
      filter: { accountIds: [everyday!.id] },
      limit: 50,
    });
    const paymentOn = (day: string) =>
      rows.find((row) => row.occurredOn === day && row.payee?.startsWith('SPARKLE'))!.id;
    expect(await due()).toEqual([
      [today, 'paid', paymentOn(addDays(today, 1))],
      [addDays(today, 7), 'paid', paymentOn(addDays(today, 8))],
      [addDays(today, 14), 'upcoming', null],
    ]);

    await client.history.undo.mutate({ changeSetId: committed.changeSetId });
    expect(await due()).toEqual([
      [today, 'due', null],
      [addDays(today, 7), 'due', null],
      [addDays(today, 14), 'upcoming', null],
    ]);
  });
});

describe('a bank id the file lists twice', () => {
  it('is one transaction: the second row is skipped, and cannot be inserted', async () => {
    const { client, userId } = await register();
    const { account } = await client.accounts.create.mutate({
      name: 'Chequing',
      kind: 'checking',
      currency: 'CAD',
    });
    const entry = (day: string, amount: string, id: string) =>
      `<STMTTRN><TRNTYPE>POS<DTPOSTED>200904${day}<TRNAMT>${amount}<FITID>${id}<NAME>Shop</STMTTRN>`;
    const ofx = [
      'OFXHEADER:100',
      'DATA:OFXSGML',
      'VERSION:102',
      '',
      '<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>CAD',
      '<BANKACCTFROM><BANKID>1<ACCTID>999<ACCTTYPE>CHECKING</BANKACCTFROM><BANKTRANLIST>',
      entry('01', '-10.00', 'A1'),
      entry('01', '-10.00', 'A1'),
      entry('02', '-20.00', 'A2'),
      '</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>',
    ].join('\n');
    const preview = await client.imports.preview.mutate(
      uploadForm(ofx, 'twice.ofx', { accountId: account.id }),
    );
    expect(preview.counts).toEqual({
      total: 3,
      new: 2,
      alreadyImported: 1,
      probable: 0,
      possible: 0,
    });
    const [, second] = (await client.imports.rows.query({ batchId: preview.batchId })).items;
    expect(second).toMatchObject({
      rowNo: 2,
      bankId: 'A1',
      classification: 'alreadyImported',
      action: 'skip',
      reason: 'The file lists this bank id again; row 1 has it first',
    });
    const refused = await failure(
      client.imports.commit.mutate({
        batchId: preview.batchId,
        decisions: [{ rowNo: 2, action: 'insert' }],
      }),
    );
    expect(refused).toEqual({
      code: 'BAD_REQUEST',
      message:
        'Cannot apply the decisions: row 2 is already imported, so it can only be skipped. Nothing was imported.',
    });
    expect(await client.imports.commit.mutate({ batchId: preview.batchId })).toMatchObject({
      inserted: 2,
      skipped: 1,
    });
    expect((await rowsOf(userId)).map((r) => r.external_id)).toEqual(['A1', 'A2']);
  });
});

describe('importing an OFX file over a row entered by hand', () => {
  it('merges the hand-entered row (its category and notes kept, the bank id taken), and undo restores every row and the totals', async () => {
    const { client, userId } = await register();
    const { account } = await client.accounts.create.mutate({
      name: 'Chequing',
      kind: 'checking',
      currency: 'CAD',
    });
    const dining = (await client.categories.list.query()).find((c) => c.name === 'Dining')!;
    const hand = await client.transactions.create.mutate({
      accountId: account.id,
      occurredOn: '2009-04-01',
      amountMinor: -660,
      payee: "McDonald's",
      categoryId: dining.id,
      notes: 'lunch with Sam',
    });
    const handId = hand.transactions[0]!.id;
    const filter = { from: '2009-01-01', to: '2009-12-31' };
    const summaryBefore = await client.metrics.summary.query({ filter });
    const rowsBefore = await rowsOf(userId);

    const file = fixture('ofxparse/bank_medium.ofx');
    const preview = await client.imports.preview.mutate(
      uploadForm(file, 'bank_medium.ofx', { accountId: account.id }),
    );
    expect(preview).toMatchObject({
      format: 'ofx',
      fileAccount: '12300 000012345678',
      counts: { total: 3, new: 2, alreadyImported: 0, probable: 1, possible: 0 },
      actions: { insert: 2, merge: 1, skip: 0 },
    });
    // The bank's closing balance against Outlay's: the hand row alone now, all three after.
    expect(preview.balance).toEqual({
      on: '2009-05-23',
      statementMinor: 38_234,
      outlayMinor: -660,
      afterImportMinor: -660 - 31_667 - 2_200,
      differenceMinor: -660 - 31_667 - 2_200 - 38_234,
    });
    const probable = await client.imports.rows.query({
      batchId: preview.batchId,
      classification: 'probable',
    });
    expect(probable.items).toHaveLength(1);
    expect(probable.items[0]).toMatchObject({
      rowNo: 1,
      payee: "MCDONALD'S #112",
      bankId: '0000123456782009040100001',
      action: 'merge',
      confidence: 85,
      reason: "Same date and amount as 'McDonald's' on 1 Apr 2009, a similar payee",
      match: { id: handId, categoryId: dining.id, notes: 'lunch with Sam', externalId: null },
    });

    const committed = await client.imports.commit.mutate({ batchId: preview.batchId });
    expect(committed.description).toBe(
      'Imported 2 transactions from bank_medium.ofx (1 merged, 0 skipped)',
    );
    const merged = await client.transactions.get.query({ id: handId });
    expect(merged).toMatchObject({
      payee: "McDonald's",
      categoryId: dining.id,
      notes: 'lunch with Sam',
      occurredOn: '2009-04-01',
    });
    const { rows: ids } = await sql<{ external_id: string }>`
      select external_id from transactions where user_id = ${userId} and id = ${handId}`.execute(
      server.testDb.db,
    );
    expect(ids[0]!.external_id).toBe('0000123456782009040100001');
    expect((await client.metrics.summary.query({ filter })).transactionCount).toBe(3);
    expect((await client.history.list.query({})).items[0]!.description).toBe(committed.description);

    // The next file from this account finds its account by the number the file names, and
    // holds nothing new.
    const again = await client.imports.preview.mutate(uploadForm(file, 'bank_medium.ofx'));
    expect(again).toMatchObject({
      accountSuggested: true,
      account: { id: account.id },
      counts: { total: 3, alreadyImported: 3 },
    });

    const undone = await client.imports.undo.mutate({ batchId: preview.batchId });
    expect(undone.description).toBe(`Undid: ${committed.description}`);
    expect(await rowsOf(userId)).toEqual(rowsBefore);
    expect(await client.metrics.summary.query({ filter })).toEqual(summaryBefore);
    expect(await totalsDrift(server.testDb.db, userId)).toEqual([]);
    const listed = await client.imports.list.query();
    expect(listed.find((b) => b.id === preview.batchId)?.status).toBe('undone');

    // Undoing the undo imports it again, and the list says so.
    await client.history.undo.mutate({ changeSetId: undone.changeSetId });
    expect((await client.metrics.summary.query({ filter })).transactionCount).toBe(3);
    const relisted = await client.imports.list.query();
    expect(relisted.find((b) => b.id === preview.batchId)?.status).toBe('committed');
  });

  it('lets the person flip a decision: the probable match inserted as its own row, another row skipped', async () => {
    const { client, userId } = await register();
    const { account } = await client.accounts.create.mutate({
      name: 'Chequing',
      kind: 'checking',
      currency: 'CAD',
    });
    await client.transactions.create.mutate({
      accountId: account.id,
      occurredOn: '2009-04-02',
      amountMinor: -660,
      payee: 'Burger',
    });
    const handBefore = await rowsOf(userId);
    const preview = await client.imports.preview.mutate(
      uploadForm(fixture('ofxparse/bank_medium.ofx'), 'bank_medium.ofx', { accountId: account.id }),
    );
    // A day apart and another payee: only a possible match, inserted unless the person merges.
    expect(preview.counts).toMatchObject({ new: 2, possible: 1 });
    const [possible] = (
      await client.imports.rows.query({ batchId: preview.batchId, classification: 'possible' })
    ).items;
    expect(possible).toMatchObject({ rowNo: 1, action: 'insert', confidence: 30 });
    expect(possible!.reason).toBe(
      "Same amount as 'Burger' on 2 Apr 2009, 1 day later, but a different payee",
    );

    // Decisions that cannot be applied are refused, naming the rows, and nothing is written.
    const refused = await failure(
      client.imports.commit.mutate({
        batchId: preview.batchId,
        decisions: [
          { rowNo: 2, action: 'merge' },
          { rowNo: 99, action: 'skip' },
        ],
      }),
    );
    expect(refused.code).toBe('BAD_REQUEST');
    expect(refused.message).toBe(
      'Cannot apply the decisions: row 2 matches no existing row to merge with; row 99 is not in this file. Nothing was imported.',
    );
    expect(await rowsOf(userId)).toEqual(handBefore);

    const committed = await client.imports.commit.mutate({
      batchId: preview.batchId,
      decisions: [
        { rowNo: 1, action: 'merge' },
        { rowNo: 3, action: 'skip' },
      ],
    });
    expect(committed).toMatchObject({ inserted: 1, merged: 1, skipped: 1 });
    const after = await rowsOf(userId);
    expect(after).toHaveLength(2);
    // The merged row takes the bank's date and id and keeps its payee.
    expect(after[0]).toMatchObject({
      payee: 'Burger',
      occurred_on: '2009-04-01',
      external_id: '0000123456782009040100001',
    });
  });
});

describe('a commit that cannot be done changes nothing', () => {
  it('refuses someone else’s batch (not found), a second commit, and a preview made stale by a later change', async () => {
    const owner = await register();
    const stranger = await register();
    const { account } = await owner.client.accounts.create.mutate({
      name: 'Chequing',
      kind: 'checking',
      currency: 'CAD',
    });
    const file = fixture('ofxparse/bank_medium.ofx');
    const preview = await owner.client.imports.preview.mutate(
      uploadForm(file, 'bank_medium.ofx', { accountId: account.id }),
    );
    for (const call of [
      () => stranger.client.imports.commit.mutate({ batchId: preview.batchId }),
      () => stranger.client.imports.rows.query({ batchId: preview.batchId }),
      () => stranger.client.imports.undo.mutate({ batchId: preview.batchId }),
    ]) {
      expect(await failure(call())).toEqual({ code: 'NOT_FOUND', message: 'No such import' });
    }
    expect(await stranger.client.imports.list.query()).toEqual([]);
    // Nor can the stranger import into the owner's account.
    expect(
      (
        await failure(
          stranger.client.imports.preview.mutate(
            uploadForm(file, 'bank_medium.ofx', { accountId: account.id }),
          ),
        )
      ).code,
    ).toBe('NOT_FOUND');

    // Undo before the commit: nothing to undo.
    expect(
      (await failure(owner.client.imports.undo.mutate({ batchId: preview.batchId }))).code,
    ).toBe('CONFLICT');

    // A change after the preview makes it stale: its matches may no longer hold.
    await owner.client.transactions.create.mutate({
      accountId: account.id,
      occurredOn: '2009-04-01',
      amountMinor: -660,
      payee: "McDonald's",
    });
    const rowsBefore = await rowsOf(owner.userId);
    const stale = await failure(owner.client.imports.commit.mutate({ batchId: preview.batchId }));
    expect(stale).toEqual({
      code: 'CONFLICT',
      message:
        'Your transactions changed since bank_medium.ofx was previewed; preview it again before importing',
    });
    expect(await rowsOf(owner.userId)).toEqual(rowsBefore);
    expect((await owner.client.imports.list.query())[0]?.status).toBe('preview');

    const fresh = await owner.client.imports.preview.mutate(
      uploadForm(file, 'bank_medium.ofx', { accountId: account.id }),
    );
    await owner.client.imports.commit.mutate({ batchId: fresh.batchId });
    const committedRows = await rowsOf(owner.userId);
    const twice = await failure(owner.client.imports.commit.mutate({ batchId: fresh.batchId }));
    expect(twice).toEqual({
      code: 'CONFLICT',
      message:
        'bank_medium.ofx is already imported; undo that import first, or preview the file again',
    });
    expect(await rowsOf(owner.userId)).toEqual(committedRows);
  });
});

describe('hints', () => {
  it('reads the file as the person corrects it (signs inverted), and refuses hints that are not JSON', async () => {
    const { client } = await register();
    const [everyday] = await client.accounts.list.query();
    const file = fixture('reckon/two_money_columns.csv');
    const preview = await client.imports.preview.mutate(
      uploadForm(file, 'card.csv', {
        accountId: everyday!.id,
        hints: JSON.stringify({ invertSigns: true }),
      }),
    );
    const { items } = await client.imports.rows.query({ batchId: preview.batchId, limit: 2 });
    expect(items.map((r) => r.amountMinor)).toEqual([7_600, -32_749]);
    expect(
      await failure(
        client.imports.preview.mutate(
          uploadForm(file, 'card.csv', { accountId: everyday!.id, hints: '{invert' }),
        ),
      ),
    ).toEqual({ code: 'BAD_REQUEST', message: 'The field "hints" must be JSON' });
  });
});

describe('abandoned previews', () => {
  it('are removed by the next preview once a week old; committed batches stay', async () => {
    const { client, userId } = await register();
    const [everyday] = await client.accounts.list.query();
    const csv = 'Date,Payee,Amount\n2026-01-05,Coffee,-4.50\n';
    const committed = await client.imports.preview.mutate(
      uploadForm(csv, 'a.csv', { accountId: everyday!.id }),
    );
    await client.imports.commit.mutate({ batchId: committed.batchId });
    const abandoned = await client.imports.preview.mutate(
      uploadForm(csv, 'b.csv', { accountId: everyday!.id }),
    );
    const recent = await client.imports.preview.mutate(
      uploadForm(csv, 'c.csv', { accountId: everyday!.id }),
    );
    await sql`update import_batches set created_at = now() - interval '8 days'
      where user_id = ${userId} and id in (${committed.batchId}, ${abandoned.batchId})`.execute(
      server.testDb.db,
    );
    const next = await client.imports.preview.mutate(
      uploadForm(csv, 'd.csv', { accountId: everyday!.id }),
    );
    expect((await client.imports.list.query()).map((b) => [b.id, b.status])).toEqual([
      [next.batchId, 'preview'],
      [recent.batchId, 'preview'],
      [committed.batchId, 'committed'],
    ]);
    expect((await failure(client.imports.rows.query({ batchId: abandoned.batchId }))).code).toBe(
      'NOT_FOUND',
    );
  });
});

describe('choosing the account', () => {
  it('suggests the one account named with the last four digits of the file’s number, and asks when two are', async () => {
    const { client } = await register();
    const file = fixture('ofxparse/bank_medium.ofx'); // account 12300 000012345678
    const { account } = await client.accounts.create.mutate({
      name: 'Chequing …5678',
      kind: 'checking',
      currency: 'CAD',
    });
    const preview = await client.imports.preview.mutate(uploadForm(file, 'bank_medium.ofx'));
    expect(preview).toMatchObject({ accountSuggested: true, account: { id: account.id } });
    await client.accounts.create.mutate({ name: 'Savings 5678', kind: 'savings', currency: 'CAD' });
    expect(
      await failure(client.imports.preview.mutate(uploadForm(file, 'bank_medium.ofx'))),
    ).toEqual({
      code: 'BAD_REQUEST',
      message:
        'The file is of account 12300 000012345678, and 2 of your accounts end in 5678: choose the account to import into (accountId)',
    });
    // Once a file of that number is imported into an account, that account is the one.
    const chosen = await client.imports.preview.mutate(
      uploadForm(file, 'bank_medium.ofx', { accountId: account.id }),
    );
    await client.imports.commit.mutate({ batchId: chosen.batchId });
    const again = await client.imports.preview.mutate(uploadForm(file, 'bank_medium.ofx'));
    expect(again).toMatchObject({ accountSuggested: true, account: { id: account.id } });
  });
});

describe('two previews of one file committed at once', () => {
  it('import it once: the second commit is refused and adds nothing', async () => {
    const { client, userId } = await register();
    const { account } = await client.accounts.create.mutate({
      name: 'Chequing',
      kind: 'checking',
      currency: 'CAD',
    });
    const file = fixture('ofxparse/bank_medium.ofx');
    const [first, second] = await Promise.all([
      client.imports.preview.mutate(uploadForm(file, 'bank_medium.ofx', { accountId: account.id })),
      client.imports.preview.mutate(uploadForm(file, 'bank_medium.ofx', { accountId: account.id })),
    ]);
    const outcomes = await Promise.allSettled([
      client.imports.commit.mutate({ batchId: first.batchId }),
      client.imports.commit.mutate({ batchId: second.batchId }),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((o) => o.status === 'rejected')!;
    expect(outlayErrorCode(refused.reason)).toBe('CONFLICT');
    expect((await rowsOf(userId)).map((r) => r.external_id)).toEqual([
      '0000123456782009040100001',
      '0000123456782009040200004',
      '0000123456782009040300005',
    ]);
  });
});

describe('bad files', () => {
  it('refuses binary junk, an oversize file, a wrong format and a file without an account, each in words, storing nothing', async () => {
    const { client, userId, token } = await register();
    const [everyday] = await client.accounts.list.query();
    const accountId = everyday!.id;

    const junk = new Uint8Array(4_096);
    for (let i = 0; i < junk.length; i += 1) junk[i] = (i * 7919 + 13) % 256;
    const binary = await failure(
      client.imports.preview.mutate(uploadForm(junk, 'statement.pdf', { accountId })),
    );
    expect(binary).toEqual({
      code: 'BAD_REQUEST',
      message:
        'This is a binary file (it contains zero bytes), not a text export of a bank statement.',
    });

    const huge = await failure(
      client.imports.preview.mutate(
        uploadForm(new Uint8Array(MAX_STATEMENT_BYTES + 1).fill(0x41), 'huge.csv', { accountId }),
      ),
    );
    expect(huge).toEqual({
      code: 'BAD_REQUEST',
      message:
        'The file is larger than 50 MB, the most Outlay imports at once; split it into several files',
    });

    const wrong = await failure(
      client.imports.preview.mutate(
        uploadForm('<html><body><p>Your statement</p></body></html>', 'statement.html', {
          accountId,
        }),
      ),
    );
    expect(wrong).toEqual({
      code: 'BAD_REQUEST',
      message:
        'This is a web page (HTML), not a bank statement export. Some banks’ “Excel” download is an HTML table: choose CSV, OFX, QIF or CAMT.053 instead.',
    });

    // A CSV names no account: without accountId there is nothing to suggest.
    const unplaced = await failure(
      client.imports.preview.mutate(
        uploadForm(fixture('reckon/two_money_columns.csv'), 'two_money_columns.csv'),
      ),
    );
    expect(unplaced).toEqual({
      code: 'BAD_REQUEST',
      message: 'The file names no account number: choose the account to import into (accountId)',
    });

    // An account in another currency than the file's.
    const cad = await failure(
      client.imports.preview.mutate(
        uploadForm(fixture('ofxparse/bank_medium.ofx'), 'bank_medium.ofx', { accountId }),
      ),
    );
    expect(cad).toEqual({
      code: 'BAD_REQUEST',
      message: `The file's transactions are in CAD, but the account 'Everyday' is in USD: choose an account in CAD`,
    });

    // Not a form at all, or a form without a file.
    const json = await fetch(`${server.baseUrl}/trpc/imports.preview`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ accountId }),
    });
    expect(json.status).toBe(400);
    const jsonError = (await json.json()) as {
      error: { data: { zodIssues: { message: string }[] } };
    };
    expect(jsonError.error.data.zodIssues.map((issue) => issue.message)).toEqual([
      'Send the file as multipart form data (FormData)',
    ]);
    const noFile = new FormData();
    noFile.append('accountId', accountId);
    const missing = await failure(client.imports.preview.mutate(noFile));
    expect(missing).toEqual({
      code: 'BAD_REQUEST',
      message: 'Expected exactly one file in the form field "file"',
    });

    // A body that is not a form; one beyond the limit, refused before it is read; and one that
    // does not say its length.
    const headers = { authorization: `Bearer ${token}` };
    const broken = await fetch(`${server.baseUrl}/trpc/imports.preview`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'multipart/form-data; boundary=x' },
      body: 'this is not a form',
    });
    expect(broken.status).toBe(400);
    const tooBig = await failure(
      client.imports.preview.mutate(
        uploadForm(new Uint8Array(MAX_IMPORT_UPLOAD_BYTES + 1), 'huge.csv', { accountId }),
      ),
    );
    expect(tooBig).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message:
        'The upload is larger than 51 MB, the most Outlay reads at once; split the file into several',
    });
    const endless = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('--x\r\n'));
        controller.close();
      },
    });
    const unstated = await fetch(`${server.baseUrl}/trpc/imports.preview`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'multipart/form-data; boundary=x' },
      body: endless,
      duplex: 'half',
    });
    expect(unstated.status).toBe(411);

    expect(await batchesOf(userId)).toBe(0);
    expect(await client.imports.list.query()).toEqual([]);
  });
});
