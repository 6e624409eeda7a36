/**
 * The transaction filter as flags: one flag per field of the API's `TransactionFilter`, shared by
 * every command that filters (summary, tx list, and later export and budgets). Values are checked
 * here where a person's mistake can be named precisely; the server checks everything again, and
 * its answers name the flag too (`flagForInputPath`).
 */
import {
  parseAmount,
  type Category,
  type RouterOutputs,
  type TransactionFilter,
} from '@outlay/client';
import type { Options, Values } from './command.ts';
import type { Connection } from './connection.ts';
import { CliError, EXIT, usageError } from './errors.ts';

export const FILTER_OPTIONS = {
  from: { type: 'string', value: 'DATE', help: 'on or after this date (YYYY-MM-DD)' },
  to: { type: 'string', value: 'DATE', help: 'on or before this date (YYYY-MM-DD)' },
  category: {
    type: 'string',
    multiple: true,
    value: 'NAME|ID',
    help: 'in this category, by name or id',
  },
  uncategorized: {
    type: 'boolean',
    help: 'without a category (with --category: those as well)',
  },
  account: {
    type: 'string',
    multiple: true,
    value: 'NAME|ID',
    help: 'in this account, by name or id',
  },
  min: { type: 'string', value: 'AMOUNT', help: 'amount (either sign) at least this, like 12.50' },
  max: { type: 'string', value: 'AMOUNT', help: 'amount (either sign) at most this' },
  search: { type: 'string', value: 'TEXT', help: 'payee or description contains this' },
  kind: { type: 'string', value: 'KIND', help: 'spend, income or all (the default)' },
} as const satisfies Options;

type Account = RouterOutputs['accounts']['list'][number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const KINDS = ['spend', 'income', 'all'] as const;

/** Input fields of the procedures the CLI calls, and the flags that set them. */
const FLAG_OF_FIELD: Record<string, string> = {
  from: '--from',
  to: '--to',
  categoryIds: '--category',
  includeUncategorized: '--uncategorized',
  accountIds: '--account',
  minAmount: '--min',
  maxAmount: '--max',
  search: '--search',
  kind: '--kind',
  limit: '--limit',
  sort: '--sort',
  field: '--sort',
  direction: '--sort',
  accountId: '--account',
  categoryId: '--category',
  occurredOn: '--date',
  amountMinor: '--amount',
  payee: '--payee',
  notes: '--notes',
  period: '--period',
};

/** `['filter', 'to']` → `--to`: the flag behind a Zod issue the server reports. */
export function flagForInputPath(path: (string | number)[]): string | undefined {
  const field = path.findLast((part): part is string => typeof part === 'string');
  return field === undefined ? undefined : FLAG_OF_FIELD[field];
}

/** A date flag (YYYY-MM-DD); the server checks it is a real day in its date domain. */
export function dateFromFlag(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (!ISO_DATE.test(value))
    throw usageError(`${flag}: expected a date like 2026-01-31, got "${value}".`);
  return value;
}

/**
 * The machine's local calendar date, `daysAhead` days on: the default of date flags ("today",
 * "the next four weeks"). The CLI imports @outlay/client only (DESIGN §1), which has no calendar
 * module, so `Date` moves whole calendar days in the local zone (a DST change does not shift it).
 */
export function localDate(daysAhead = 0, now = new Date()): string {
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + daysAhead);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${two(day.getMonth() + 1)}-${two(day.getDate())}`;
}

// Flags are written the same in every locale: digits and a dot, never a grouping comma.
const AMOUNT = /^(\d+\.?\d*|\.\d+)$/;

/** Checks an amount flag's form before anything is fetched; `minorFromFlag` parses it later. */
export function amountText(value: string | undefined, flag: string): string | undefined {
  if (value !== undefined && !AMOUNT.test(value)) {
    throw usageError(`${flag}: write amounts like 12.50, got "${value}".`);
  }
  return value;
}

/** An amount flag in minor units of `currency` (its number of decimals checked). */
export function minorFromFlag(
  value: string | undefined,
  flag: string,
  currency: string,
): number | undefined {
  if (value === undefined) return undefined;
  const parsed = parseAmount(value, currency, 'en-US');
  if (!parsed.ok) throw usageError(`${flag}: ${parsed.error} (got "${value}").`);
  return parsed.minor;
}

/** The one of `items` a flag names, by id or by name (case-insensitively), or a not-found error listing the names. */
function named<T extends { id: string; name: string }>(
  items: T[],
  value: string,
  noun: 'category' | 'account',
  plural: string,
): T {
  const wanted = value.trim().toLocaleLowerCase();
  const match = UUID.test(wanted)
    ? items.find((item) => item.id === wanted)
    : items.find((item) => item.name.toLocaleLowerCase() === wanted);
  if (!match) {
    const list = items.map((item) => item.name).join(', ');
    throw new CliError(
      EXIT.notFound,
      `No ${noun} ${UUID.test(wanted) ? 'with the id' : 'named'} "${value}".${list ? ` Your ${plural}: ${list}.` : ''}`,
    );
  }
  return match;
}

/** The category with this name (case-insensitively) or id, or a not-found error listing the names. */
export function categoryNamed(categories: Category[], name: string): Category {
  return named(categories, name, 'category', 'categories');
}

/** The account with this name (case-insensitively) or id, or a not-found error listing the names. */
export function accountNamed(accounts: Account[], name: string): Account {
  return named(accounts, name, 'account', 'accounts');
}

/**
 * The filter the flags describe. Category names become ids (`categories.list`) and amounts
 * become minor units of the person's home currency (`auth.me`); the two look-ups, when needed,
 * travel in one batched request with the accounts when names need them (none when no flag needs
 * them).
 */
export async function filterFromFlags(
  values: Values<typeof FILTER_OPTIONS>,
  connect: () => Promise<Connection>,
): Promise<TransactionFilter> {
  const from = dateFromFlag(values.from, '--from');
  const to = dateFromFlag(values.to, '--to');
  if (values.kind !== undefined && !(KINDS as readonly string[]).includes(values.kind)) {
    throw usageError(`--kind: expected one of ${KINDS.join(', ')}, got "${values.kind}".`);
  }
  const accounts = values.account ?? [];
  const accountNames = accounts.filter((account) => !UUID.test(account));
  const categories = values.category ?? [];
  const names = categories.filter((category) => !UUID.test(category));
  const min = amountText(values.min, '--min');
  const max = amountText(values.max, '--max');
  const needsCurrency = min !== undefined || max !== undefined;

  // Every value is checked before the first call, so a usage error never waits for the network.
  const connection = await connect();
  const [known, me, knownAccounts] = await connection.call((client, options) =>
    Promise.all([
      names.length > 0 ? client.categories.list.query(undefined, options) : undefined,
      needsCurrency ? client.auth.me.query(undefined, options) : undefined,
      accountNames.length > 0 ? client.accounts.list.query(undefined, options) : undefined,
    ]),
  );
  const accountIds = accounts.map((account) =>
    UUID.test(account) ? account : accountNamed(knownAccounts ?? [], account).id,
  );

  const categoryIds = categories.map((category) =>
    UUID.test(category) ? category : categoryNamed(known ?? [], category).id,
  );

  const currency = me?.homeCurrency ?? 'USD';
  const filter: TransactionFilter = {
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(categoryIds.length > 0 ? { categoryIds } : {}),
    ...(values.uncategorized ? { includeUncategorized: true } : {}),
    ...(accountIds.length > 0 ? { accountIds } : {}),
    ...(values.search !== undefined ? { search: values.search } : {}),
    ...(values.kind !== undefined ? { kind: values.kind as TransactionFilter['kind'] } : {}),
  };
  const minAmount = minorFromFlag(min, '--min', currency);
  const maxAmount = minorFromFlag(max, '--max', currency);
  if (minAmount !== undefined) filter.minAmount = minAmount;
  if (maxAmount !== undefined) filter.maxAmount = maxAmount;
  return filter;
}
