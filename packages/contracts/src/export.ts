import { z } from 'zod';
import { TransactionFilter } from './filter.ts';

/**
 * Export (DESIGN §10, "Export and backup"): the entries of any filter as CSV, streamed in pieces
 * so a million rows never sit in one answer or in the server's memory.
 */

export const TransactionsCsvInput = z.strictObject({
  filter: TransactionFilter.default({}),
});
export type TransactionsCsvInput = z.infer<typeof TransactionsCsvInput>;

/**
 * The columns of a transactions export, in order. One row per entry, as the transactions list
 * shows them: an unsplit transaction, or one line of a split transaction with its own category
 * and amount (`Split line` is its number; `Transaction ID` is the parent's, so lines regroup).
 * `Amount` and `Spend` are decimals in the account's currency (`Spend`: the entry's contribution
 * to spend under the one definition, so a column sum is the dashboard's total).
 */
export const TRANSACTIONS_CSV_COLUMNS = [
  'Date',
  'Account',
  'Payee',
  'Description',
  'Memo',
  'Category',
  'Category group',
  'Amount',
  'Currency',
  'Spend',
  'Notes',
  'Transaction ID',
  'Split line',
  'Transfer',
] as const;

/** One piece of a CSV file: whole lines (CRLF-terminated), the first piece holding the header. */
export const CsvChunk = z.string();
export type CsvChunk = z.infer<typeof CsvChunk>;

/** Whether a value can be read with `for await` (a stream's answer). */
export function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}

/**
 * The output schema of a streamed procedure: each value is checked against `item` as it is
 * sent, so a streamed answer keeps its contract like any other.
 */
export function streamOf<T extends z.ZodType>(item: T) {
  return z
    .custom<AsyncIterable<z.input<T>>>(isAsyncIterable, 'Expected a stream')
    .transform(async function* (stream): AsyncGenerator<z.output<T>, void, undefined> {
      for await (const value of stream) yield item.parse(value);
    });
}
