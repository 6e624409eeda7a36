import { EXPORT_CHUNK_ROWS, hashPassword } from '@outlay/api';
import {
  createOutlayClient,
  outlayErrorCode,
  type OutlayClient,
  type Transaction,
  type TransactionFilter,
} from '@outlay/client';
import { currencyDigits, minorToDecimal, TRANSACTIONS_CSV_COLUMNS } from '@outlay/contracts';
import { DEMO_PASSWORD, DEMO_USERS, generateBulk, seedDemo } from '@outlay/db';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testing.ts';

// Exporting over real HTTP with the real @outlay/client: the CSV is streamed in pieces through
// tRPC's streaming link, read back, and compared with what the transactions list and the
// dashboard's metrics say for the same filter (DESIGN §10, "Export and backup").

let server: TestServer;
let john: OutlayClient;
let jane: OutlayClient;
/** A person with 12,000 transactions: many chunks of the export. */
let bulk: OutlayClient;
const BULK_ROWS = 12_000;

async function signIn(email: string): Promise<OutlayClient> {
  const session = await createOutlayClient({ url: server.baseUrl }).auth.login.mutate({
    email,
    password: DEMO_PASSWORD,
  });
  return createOutlayClient({ url: server.baseUrl, token: session.accessToken });
}

beforeAll(async () => {
  server = await startTestServer({ limits: { requestsPerMinute: 0 } });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await seedDemo(server.testDb.db, { passwordHash });
  await generateBulk(server.testDb.db, {
    users: 1,
    transactionsPerUser: BULK_ROWS,
    seed: 7,
    passwordHash,
    emailPrefix: 'exporter',
  });
  john = await signIn(DEMO_USERS[0]!.email);
  jane = await signIn(DEMO_USERS[1]!.email);
  bulk = await signIn('exporter-1@example.com');
}, 120_000);
afterAll(() => server.close());

/** The whole export of a filter: its pieces as they arrived, and the text they make. */
async function exportCsv(client: OutlayClient, filter: TransactionFilter) {
  const stream = await client.exports.transactionsCsv.query({ filter });
  const pieces: string[] = [];
  for await (const piece of stream) pieces.push(piece);
  return { pieces, text: pieces.join('') };
}

type CsvRecord = Record<(typeof TRANSACTIONS_CSV_COLUMNS)[number], string>;

/** The CSV read back: its header and its rows as records by column name. */
function readCsv(text: string): { header: string[] | undefined; rows: CsvRecord[] } {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const [header, ...rows] = parsed.data;
  return {
    header,
    rows: rows.map(
      (cells) =>
        Object.fromEntries(
          TRANSACTIONS_CSV_COLUMNS.map((name, i) => [name, cells[i]!]),
        ) as CsvRecord,
    ),
  };
}

/** Every row the transactions list gives for a filter, oldest first (the export's order). */
async function listed(client: OutlayClient, filter: TransactionFilter): Promise<Transaction[]> {
  const rows: Transaction[] = [];
  let cursor: string | null = null;
  do {
    const page = await client.transactions.list.query({
      filter,
      sort: { field: 'date', direction: 'asc' },
      limit: 500,
      cursor,
    });
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

const unneutralized = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

/** What the export must say for one listed row, written independently of the server's code. */
async function expectedRecords(client: OutlayClient, filter: TransactionFilter) {
  const categories = await client.categories.list.query();
  const byId = new Map(categories.map((c) => [c.id, c]));
  // The export's order: date, then transaction id, then line number.
  const rows = (await listed(client, filter)).sort(
    (a, b) =>
      a.occurredOn.localeCompare(b.occurredOn) ||
      a.id.localeCompare(b.id) ||
      (a.lineNo ?? 0) - (b.lineNo ?? 0),
  );
  return rows.map((row) => {
    const category = row.categoryId ? byId.get(row.categoryId) : undefined;
    const group = category?.parentId ? byId.get(category.parentId) : category;
    const digits = currencyDigits(row.currency);
    return {
      Date: row.occurredOn,
      Account: row.accountName,
      Payee: row.payee ?? '',
      Description: row.description ?? '',
      Memo: row.memo ?? '',
      Category: category?.name ?? '',
      'Category group': group?.name ?? '',
      Amount: minorToDecimal(row.amountMinor, digits),
      Currency: row.currency,
      Spend: minorToDecimal(row.spendMinor, digits),
      Notes: row.notes ?? '',
      'Transaction ID': row.id,
      'Split line': row.lineNo === null ? '' : String(row.lineNo),
      Transfer: row.transfer ? 'yes' : 'no',
    };
  });
}

const withoutNeutralization = (row: Record<string, string>) =>
  Object.fromEntries(Object.entries(row).map(([column, cell]) => [column, unneutralized(cell)]));

const cents = (decimal: string) => Math.round(Number(decimal) * 100);

describe('exports.transactionsCsv', () => {
  let everydayId: string;
  let savingsId: string;
  let ids: (name: string) => string;
  const month = { from: '2026-11-01', to: '2026-11-30' };

  beforeAll(async () => {
    const categories = await john.categories.list.query();
    ids = (name) => categories.find((c) => c.name === name)!.id;
    const accounts = await john.accounts.list.query();
    everydayId = accounts[0]!.id;
    const savings = await john.accounts.create.mutate({
      name: '@Savings',
      kind: 'savings',
      currency: 'USD',
    });
    savingsId = savings.account.id;
    const expense = categories.find((c) => c.kind === 'expense')!;
    const other = categories.find((c) => c.kind === 'expense' && c.id !== expense.id)!;
    // A split receipt, a transfer, text a spreadsheet would run as a formula, a refund.
    await john.transactions.create.mutate({
      accountId: everydayId,
      occurredOn: '2026-11-15',
      amountMinor: -12_345,
      payee: '=HYPERLINK("http://evil.example","Click")',
      description: '+1 555 0100',
      notes: '@SUM(A1:A9)',
      splits: [
        { categoryId: expense.id, amountMinor: -10_000, memo: '-groceries' },
        { categoryId: other.id, amountMinor: -2_345, memo: 'lunch, "the good one"' },
      ],
    });
    await john.transfers.create.mutate({
      fromAccountId: everydayId,
      toAccountId: savingsId,
      occurredOn: '2026-11-16',
      amountMinor: 50_000,
      payee: '-to savings',
    });
    await john.transactions.create.mutate({
      accountId: everydayId,
      occurredOn: '2026-11-17',
      amountMinor: 2_500,
      payee: 'Refund',
      categoryId: expense.id,
    });
  });

  it('streams every entry of a filter, split lines and transfers as the list shows them, in pieces', async () => {
    const { pieces, text } = await exportCsv(john, {});
    const { header, rows } = readCsv(text);
    expect(header).toEqual([...TRANSACTIONS_CSV_COLUMNS]);
    const expected = await expectedRecords(john, {});
    expect(rows.length).toBe(expected.length);
    // The header, then one piece per chunk.
    expect(pieces.length).toBe(1 + Math.ceil(rows.length / EXPORT_CHUNK_ROWS));
    expect(rows.map(withoutNeutralization)).toEqual(expected);

    const receipt = rows.filter((r) => r.Date === '2026-11-15' && r['Split line'] !== '');
    expect(receipt.map((r) => [r['Split line'], r.Amount, r.Memo])).toEqual([
      ['1', '-100.00', "'-groceries"],
      ['2', '-23.45', 'lunch, "the good one"'],
    ]);
    expect(new Set(receipt.map((r) => r['Transaction ID'])).size).toBe(1);
    const transfer = rows.filter((r) => r.Transfer === 'yes' && r.Date === '2026-11-16');
    expect(transfer.map((r) => [r.Account, r.Amount, r.Spend]).sort()).toEqual([
      ["'@Savings", '500.00', '0.00'],
      ['Everyday', '-500.00', '0.00'],
    ]);
  });

  it('walks chunk to chunk without losing or repeating a row: 12,000 transactions', async () => {
    const filter = {};
    const { pieces, text } = await exportCsv(bulk, filter);
    const { rows } = readCsv(text);
    expect(rows.length).toBe(BULK_ROWS);
    // Pieces of whole days, each at least a chunk's worth of transactions but the last.
    expect(pieces.length).toBe(1 + Math.ceil(BULK_ROWS / EXPORT_CHUNK_ROWS));
    const days = pieces
      .slice(1)
      .map((piece) => Papa.parse<string[]>(piece, { skipEmptyLines: true }).data.map((c) => c[0]!));
    for (let i = 1; i < days.length; i += 1) expect(days[i]![0]! > days[i - 1]!.at(-1)!).toBe(true);
    expect(rows.map(withoutNeutralization)).toEqual(await expectedRecords(bulk, filter));
    const summary = await bulk.metrics.summary.query({ filter });
    expect(rows.reduce((sum, r) => sum + cents(r.Spend), 0)).toBe(summary.totalSpend);
  });

  it('gives the rows of any filter the list gives, and their spend adds up to metrics.summary to the cent', async () => {
    const categories = await john.categories.list.query();
    const kindOf = new Map(categories.map((c) => [c.name, c.kind]));
    const filters: TransactionFilter[] = [
      {},
      month,
      { ...month, kind: 'spend' },
      { ...month, kind: 'income' },
      { from: '2025-06-01', to: '2026-05-31', categoryIds: [ids('Groceries')] },
      { includeUncategorized: true },
      { accountIds: [savingsId] },
      { ...month, accountIds: [everydayId], minAmount: 2_000, maxAmount: 20_000 },
      { search: 'REFUND' },
    ];
    for (const filter of filters) {
      const { rows } = readCsv((await exportCsv(john, filter)).text);
      const expected = await expectedRecords(john, filter);
      expect(rows.map((r) => r['Transaction ID'] + r['Split line'])).toEqual(
        expected.map((r) => r['Transaction ID'] + r['Split line']),
      );
      const summary = await john.metrics.summary.query({ filter });
      const spendColumn = rows.reduce((sum, r) => sum + cents(r.Spend), 0);
      // The same figure again from the rows alone, by the definition: expense categories, or
      // uncategorized money out; transfers never.
      const byDefinition = rows.reduce((sum, r) => {
        const category = unneutralized(r.Category);
        const kind = category === '' ? null : kindOf.get(category);
        const spend =
          r.Transfer === 'no' && (kind === 'expense' || (kind === null && cents(r.Amount) < 0));
        return spend ? sum - cents(r.Amount) : sum;
      }, 0);
      expect({ filter, spendColumn, byDefinition }).toEqual({
        filter,
        spendColumn: summary.totalSpend,
        byDefinition: summary.totalSpend,
      });
    }
  });

  it('writes text a spreadsheet would run as a formula as text, and amounts as plain numbers', async () => {
    const { text } = await exportCsv(john, { from: '2026-11-15', to: '2026-11-17' });
    const lines = text.split('\r\n');
    const split = lines.find((line) => line.includes('HYPERLINK') && line.includes(',1,no'))!;
    expect(split).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
    expect(split).toContain(",'+1 555 0100,");
    expect(split).toContain(",'@SUM(A1:A9),");
    expect(split).toMatch(/,-100\.00,USD,100\.00,/);
    expect(text).toContain("'-to savings");
    // No cell of the file starts with a formula character, except the amount columns' numbers.
    const { rows } = readCsv(text);
    for (const row of rows) {
      for (const [column, cell] of Object.entries(row)) {
        if (column === 'Amount' || column === 'Spend') expect(cell).toMatch(/^-?\d+\.\d{2}$/);
        else expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
  });

  it("gives nothing of another person's, whatever the filter names", async () => {
    const janeAll = readCsv((await exportCsv(jane, {})).text).rows;
    const johnIds = new Set((await listed(john, {})).map((r) => r.id));
    expect(janeAll.length).toBeGreaterThan(0);
    expect(janeAll.some((r) => johnIds.has(r['Transaction ID']))).toBe(false);
    const { header, rows } = readCsv((await exportCsv(jane, { accountIds: [everydayId] })).text);
    expect(header).toEqual([...TRANSACTIONS_CSV_COLUMNS]);
    expect(rows).toEqual([]);
  });

  it('refuses a bad filter and a missing credential, in words', async () => {
    const bad = await exportCsv(john, { from: '2026-02-01', to: '2026-01-01' }).catch(
      (error: unknown) => error,
    );
    expect(outlayErrorCode(bad)).toBe('BAD_REQUEST');
    const anonymous = createOutlayClient({ url: server.baseUrl });
    const refused = await exportCsv(anonymous, {}).catch((error: unknown) => error);
    expect(outlayErrorCode(refused)).toBe('UNAUTHORIZED');
    expect((refused as Error).message).toBe('Sign in to continue');
  });
});
