import { formatMoney, type Transaction, type TransactionSort } from '@outlay/client';
import { defineCommand } from '../command.ts';
import { usageError } from '../errors.ts';
import { FILTER_OPTIONS, filterFromFlags } from '../filter-flags.ts';
import { table } from '../table.ts';

/** The server's largest page; longer lists are fetched page by page. */
const PAGE_SIZE = 500;
/** Enough for any terminal; `outlay export` is the way to take everything. */
const MAX_LIMIT = 10_000;
const DEFAULT_LIMIT = 20;

function limitFrom(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LIMIT;
  const limit = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT)) {
    throw usageError(`--limit: expected a whole number from 1 to ${MAX_LIMIT}, got "${value}".`);
  }
  return limit;
}

function sortFrom(value: string | undefined): TransactionSort {
  if (value === undefined) return { field: 'date', direction: 'desc' };
  const match = /^(date|amount)(?::(asc|desc))?$/.exec(value);
  if (!match) {
    throw usageError(
      `--sort: expected date or amount, optionally with :asc or :desc, got "${value}".`,
    );
  }
  const field = match[1] as TransactionSort['field'];
  const direction = (match[2] ??
    (field === 'date' ? 'desc' : 'asc')) as TransactionSort['direction'];
  return { field, direction };
}

export const txListCommand = defineCommand({
  name: 'tx list',
  summary: 'List transactions, newest first, with filters',
  description:
    'List the transactions the filters select, newest first (see --sort).\n' +
    '--json prints { items, nextCursor }: the rows as the API returns them.',
  options: {
    ...FILTER_OPTIONS,
    limit: {
      type: 'string',
      value: 'N',
      help: `show at most N transactions (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT})`,
    },
    sort: {
      type: 'string',
      value: 'ORDER',
      help: 'date or amount, with :asc or :desc (default date:desc; amount:asc lists the largest purchases first)',
    },
  },
  async run({ values, connect, env }) {
    const limit = limitFrom(values.limit);
    const sort = sortFrom(values.sort);
    const filter = await filterFromFlags(values, connect);
    const connection = await connect();
    const items: Transaction[] = [];
    let cursor: string | null = null;
    do {
      const page = await connection.call((client, options) =>
        client.transactions.list.query(
          { filter, sort, cursor, limit: Math.min(PAGE_SIZE, limit - items.length) },
          options,
        ),
      );
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && items.length < limit);
    return {
      json: { items, nextCursor: cursor },
      text: renderTransactions(items, cursor, env.locale),
    };
  },
});

/** The fields a transaction table shows: rows of `transactions.list`, or whole written transactions. */
type TransactionRow = Pick<
  Transaction,
  | 'occurredOn'
  | 'amountMinor'
  | 'currency'
  | 'categoryName'
  | 'accountName'
  | 'payee'
  | 'description'
>;

export function renderTransactions(
  items: TransactionRow[],
  nextCursor: string | null,
  locale: string,
): string {
  if (items.length === 0) return 'No transactions match.';
  const rows = table(
    [
      { header: 'Date' },
      { header: 'Amount', align: 'right' },
      { header: 'Category', max: 24 },
      { header: 'Account', max: 20 },
      { header: 'Payee', max: 40 },
    ],
    items.map((t) => [
      t.occurredOn,
      formatMoney(t.amountMinor, t.currency, locale),
      t.categoryName ?? 'Uncategorized',
      t.accountName,
      t.payee ?? t.description ?? '',
    ]),
  );
  const more = nextCursor
    ? `\n\nShowing the first ${items.length}; more match. Raise --limit or narrow the filters.`
    : '';
  return rows + more;
}
