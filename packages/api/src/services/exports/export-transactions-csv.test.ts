import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { createHarness, type Harness, type TestUser } from '../../testing.ts';
import {
  EXPORT_CHUNK_ROWS,
  exportTransactionsCsv,
  neutralize,
  toCsv,
} from './export-transactions-csv.ts';

let h: Harness;
let user: TestUser;
beforeAll(async () => {
  h = await createHarness();
  user = await h.createUser();
  // Many rows on few days, so chunks end in the middle of a day and between a split's lines.
  await h.insertTransactions(
    user,
    Array.from({ length: 40 }, (_, i) => ({
      occurred_on: `2026-03-0${1 + (i % 3)}`,
      amount_minor: -100 * (1 + (i % 7)),
      category_id: user.categories.Groceries!,
      payee: `Shop ${i}`,
    })),
  );
  const api = await h.callerFor(user);
  for (const day of ['2026-03-01', '2026-03-02']) {
    await api.transactions.create({
      accountId: user.accountIds[0]!,
      occurredOn: day,
      amountMinor: -900,
      payee: 'Market',
      splits: [
        { categoryId: user.categories.Groceries!, amountMinor: -500 },
        { categoryId: user.categories.Dining!, amountMinor: -300 },
        { categoryId: null, amountMinor: -100 },
      ],
    });
  }
});
afterAll(() => h.dispose());

async function collect(stream: AsyncIterable<string>): Promise<string[]> {
  const pieces: string[] = [];
  for await (const piece of stream) pieces.push(piece);
  return pieces;
}

describe('exportTransactionsCsv', () => {
  it('gives the same file whatever the chunk size, in pieces of whole days after the header', async () => {
    const whole = await collect(exportTransactionsCsv(h.db, { user, filter: {} }));
    expect(whole).toHaveLength(2);
    const rows = whole[1]!.split('\r\n').filter(Boolean);
    expect(rows).toHaveLength(40 + 2 * 3);
    const dayOf = (line: string) => line.slice(0, 10);
    for (const [chunkRows, pieces] of [
      [1, 3],
      [7, 3],
      [14, 3],
      [15, 2],
      [50, 1],
    ] as const) {
      const stream = await collect(exportTransactionsCsv(h.db, { user, filter: {}, chunkRows }));
      expect(stream.join('')).toBe(whole.join(''));
      // Three days of 15, 14 and 13 transactions (a split one on each of the first two): a chunk
      // is whole days, at least `chunkRows` transactions unless it is the last.
      expect({ chunkRows, pieces: stream.length - 1 }).toEqual({ chunkRows, pieces });
      const days = stream
        .slice(1)
        .map((piece) => new Set(piece.split('\r\n').filter(Boolean).map(dayOf)));
      for (let i = 1; i < days.length; i += 1) {
        expect([...days[i]!].some((day) => days[i - 1]!.has(day))).toBe(false);
      }
    }
    // A split's lines stay together and in order, within their day.
    const market = rows.filter((row) => row.includes('Market'));
    expect(market.map((row) => row.split(',')[12])).toEqual(['1', '2', '3', '1', '2', '3']);
  });

  it('fails with CONFLICT when the data changes between chunks, instead of mixing two states', async () => {
    const stream = exportTransactionsCsv(h.db, { user, filter: {}, chunkRows: 10 });
    await stream.next(); // the header
    await stream.next(); // the first ten rows
    await h.insertTransactions(user, [{ occurred_on: '2026-03-03', amount_minor: -1 }]);
    const failure = await stream.next().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DomainError);
    expect(failure).toMatchObject({ code: 'CONFLICT' });
  });

  it('over tRPC, a change during the stream is a CONFLICT error in the stream, in words', async () => {
    const big = await h.createUser();
    await h.insertTransactions(
      big,
      // One chunk's worth on the first day, one more row the day after: two chunks.
      Array.from({ length: EXPORT_CHUNK_ROWS + 1 }, (_, i) => ({
        occurred_on: i < EXPORT_CHUNK_ROWS ? '2026-01-01' : '2026-01-02',
        amount_minor: -(i + 1),
      })),
    );
    const api = await h.callerFor(big);
    const stream = await api.exports.transactionsCsv({ filter: {} });
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toMatch(/^Date,Account,Payee/);
    expect((await iterator.next()).value?.split('\r\n').filter(Boolean)).toHaveLength(
      EXPORT_CHUNK_ROWS,
    );
    await h.insertTransactions(big, [{ occurred_on: '2026-01-02', amount_minor: -1 }]);
    const failure = await iterator.next().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TRPCError);
    expect(failure).toMatchObject({ code: 'CONFLICT' });
    expect((failure as Error).message).toMatch(/changed while it was being exported/);
  });
});

describe('neutralize', () => {
  it('puts a quote before text a spreadsheet would read as a formula, and leaves other text alone', () => {
    for (const text of ['=1+1', '+1 555', '-5 dollars', '@SUM(A1)', '\tx', '\rx', '＝1', '＋1']) {
      expect(neutralize(text)).toBe(`'${text}`);
    }
    for (const text of ['Coffee', '', " '=already", '1=1', 'a-b', "'quoted"]) {
      expect(neutralize(text)).toBe(text);
    }
  });
});

describe('toCsv', () => {
  it('writes any cells so that a CSV reader reads the same cells back', () => {
    const cell = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom('"', ',', '\r', '\n', ' ', 'a', 'é', "'") }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 6 }), { minLength: 1 }),
        (rows) => {
          const parsed = Papa.parse<string[]>(toCsv(rows), { newline: '\r\n', delimiter: ',' });
          expect(parsed.errors).toEqual([]);
          // A trailing line end leaves one empty line after the last row.
          expect(parsed.data.slice(0, rows.length)).toEqual(rows);
        },
      ),
    );
  });
});
