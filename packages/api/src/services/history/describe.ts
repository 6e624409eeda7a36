/**
 * Change sets and their rows in words a person reads, from what was recorded when the change was
 * made (`change_sets.summary`, the logged rows): "Changed the category of 12 transactions from
 * Dining to Groceries", "Deleted 'Coffee' on 3 Nov 2025, $4.50". History never re-reads the
 * current data to say what happened, so it stays true after later changes. English for now; the
 * summaries hold the facts, so a client can word them in another language.
 */

/** What a summary records about one transaction. */
export interface TransactionBrief {
  payee: string | null;
  description: string | null;
  occurredOn: string;
  amountMinor: number;
  currency: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2025-11-03` → `3 Nov 2025`. */
export function formatDay(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${day} ${MONTHS[(month ?? 1) - 1]} ${year}`;
}

/**
 * Money out as `$4.50`, money in as `+$4.50`: how a person says what a transaction was. With
 * `signed: false`, an amount moved (a transfer) without a sign.
 */
export function formatMoney(
  amountMinor: number,
  currency: string,
  { signed = true }: { signed?: boolean } = {},
): string {
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
  } catch {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'XXX' });
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const text = format.format(Math.abs(amountMinor) / 10 ** digits);
  return signed && amountMinor > 0 ? `+${text}` : text;
}

export function describeTransaction(brief: TransactionBrief): string {
  const name = brief.payee ?? brief.description;
  const what = name ? `'${name}'` : 'a transaction';
  return `${what} on ${formatDay(brief.occurredOn)}, ${formatMoney(brief.amountMinor, brief.currency)}`;
}

/** The fields a patch sets (keys whose value is not undefined), for a summary's `fields`. */
export function fieldsOf(patch: Record<string, unknown>): string[] {
  return Object.entries(patch)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key);
}

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

const FIELD_NAMES: Record<string, string> = {
  accountId: 'account',
  occurredOn: 'date',
  amountMinor: 'amount',
  payee: 'payee',
  description: 'description',
  notes: 'notes',
  categoryId: 'category',
  splits: 'split',
  name: 'name',
  kind: 'kind',
  color: 'colour',
  parentId: 'group',
  currency: 'currency',
  openingBalanceMinor: 'opening balance',
  openedOn: 'opening date',
  groupId: 'group',
  period: 'period',
  startsOn: 'start date',
  endsOn: 'end',
  rollover: 'rollover',
  toleranceMinor: 'tolerance',
  rrule: 'schedule',
  shift: 'weekend shift',
  priority: 'priority',
};

/** `['payee', 'notes', 'category']` → `payee, notes and category`. */
function listOf(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

const fieldList = (fields: unknown) =>
  listOf(
    (Array.isArray(fields) ? fields : [])
      .filter((f): f is string => typeof f === 'string')
      .map((field) => FIELD_NAMES[field] ?? field),
  );

// Summaries are JSON from the database: read them defensively, so an old or unexpected summary
// still yields a sentence rather than an error.
type Summary = Record<string, unknown>;
const text = (value: unknown, fallback = '') => (typeof value === 'string' ? value : fallback);
const number = (value: unknown) => (typeof value === 'number' ? value : 0);
function brief(value: unknown): TransactionBrief | null {
  if (typeof value !== 'object' || value === null) return null;
  const b = value as Summary;
  if (typeof b.occurredOn !== 'string' || typeof b.amountMinor !== 'number') return null;
  return {
    payee: typeof b.payee === 'string' ? b.payee : null,
    description: typeof b.description === 'string' ? b.description : null,
    occurredOn: b.occurredOn,
    amountMinor: b.amountMinor,
    currency: text(b.currency, 'USD'),
  };
}
/** What an `accounts.*` or `categories.*` action is about, in words. */
const nounOf = (action: string) => (action.startsWith('accounts.') ? 'account' : 'category');
const quoted = (value: unknown, fallback: string) =>
  typeof value === 'string' ? `'${value}'` : fallback;

/** `monthly budget of $400.00 for Dining`, from a budget's summary. */
function budgetOf(summary: Summary, { amount = true }: { amount?: boolean } = {}): string {
  const money =
    amount && typeof summary.amountMinor === 'number'
      ? ` of ${formatMoney(summary.amountMinor, text(summary.currency, 'USD'), { signed: false })}`
      : '';
  return `${text(summary.period, 'monthly')} budget${money} for ${text(summary.name, 'a category')}`;
}

/** One sentence for a change set, from its action and summary. */
export function describeChangeSet(action: string, summary: Summary): string {
  switch (action) {
    case 'transactions.create': {
      const b = brief(summary.transaction);
      const lines = number(summary.lines);
      const what = b ? describeTransaction(b) : 'a transaction';
      return `Added ${what}${lines > 0 ? `, split into ${count(lines, 'line')}` : ''}`;
    }
    case 'transactions.update': {
      const b = brief(summary.transaction);
      const fields = fieldList(summary.fields);
      return `Changed ${b ? describeTransaction(b) : 'a transaction'}${fields ? `: ${fields}` : ''}`;
    }
    case 'transactions.delete': {
      const b = brief(summary.transaction);
      const n = number(summary.count);
      return n === 1 && b
        ? `Deleted ${describeTransaction(b)}`
        : `Deleted ${count(n, 'transaction')}`;
    }
    case 'transactions.bulkUpdate':
      return describeBulkUpdate(summary);
    case 'transfers.create': {
      const b = brief(summary.transaction);
      const money = b ? formatMoney(b.amountMinor, b.currency, { signed: false }) : 'money';
      const day = b ? ` on ${formatDay(b.occurredOn)}` : '';
      return `Transferred ${money} from ${text(summary.fromAccount, 'an account')} to ${text(summary.toAccount, 'another')}${day}`;
    }
    case 'categories.create':
      return `Created the category ${quoted(summary.name, 'a category')}${typeof summary.group === 'string' ? ` in ${summary.group}` : ''}`;
    case 'categories.update':
    case 'accounts.update':
      return typeof summary.renamedTo === 'string'
        ? `Renamed the ${nounOf(action)} ${quoted(summary.name, '')} to '${summary.renamedTo}'`
        : `Changed the ${fieldList(summary.fields) || 'details'} of the ${nounOf(action)} ${quoted(summary.name, '')}`;
    case 'categories.archive':
    case 'accounts.archive':
      return `Archived the ${nounOf(action)} ${quoted(summary.name, '')}`;
    case 'categories.unarchive':
    case 'accounts.unarchive':
      return `Restored the archived ${nounOf(action)} ${quoted(summary.name, '')}`;
    case 'categories.merge': {
      const moved = number(summary.transactions) + number(summary.lines);
      const budgets = number(summary.budgets);
      return `Merged ${quoted(summary.from, 'a category')} into ${quoted(summary.into, 'another')} (${count(moved, 'row')}${budgets > 0 ? ` and ${count(budgets, 'budget')}` : ''} moved)`;
    }
    case 'categories.delete':
      return `Deleted the category ${quoted(summary.name, '')}`;
    case 'accounts.create':
      return `Created the account ${quoted(summary.name, '')}`;
    case 'history.undo': {
      const inner = text(summary.undoneDescription, 'a change');
      return summary.undoneAction === 'history.undo'
        ? `Redid: ${inner.replace(/^Undid: /, '')}`
        : `Undid: ${inner}`;
    }
    case 'imports.commit': {
      const merged = number(summary.merged);
      const skipped = number(summary.skipped);
      return `Imported ${count(number(summary.inserted), 'transaction')} from ${text(summary.fileName, 'a file')} (${merged.toLocaleString('en-US')} merged, ${skipped.toLocaleString('en-US')} skipped)`;
    }
    case 'backup.restore':
      return `Restored a backup: ${count(number(summary.transactions), 'transaction')}, ${count(number(summary.accounts), 'account')}, ${count(number(summary.categories), 'category', 'categories')}, ${count(number(summary.budgets), 'budget')} and ${count(number(summary.recurringItems), 'bill')}`;
    case 'budgets.create':
      return `Created a ${budgetOf(summary)}`;
    case 'budgets.update': {
      const amount =
        typeof summary.newAmountMinor === 'number'
          ? ` to ${formatMoney(summary.newAmountMinor, text(summary.currency, 'USD'), { signed: false })}`
          : '';
      const fields = fieldList(summary.fields) || 'details';
      return `Changed the ${fields} of the ${budgetOf(summary, { amount: false })}${fields === 'amount' ? amount : ''}`;
    }
    case 'budgets.delete':
      return `Deleted the ${budgetOf(summary)}`;
    case 'recurring.create':
      return `Added the recurring item ${quoted(summary.name, 'a recurring item')}`;
    case 'recurring.update': {
      const fields = fieldList(summary.fields);
      return `Changed ${fields ? `the ${fields} of ` : ''}the recurring item ${quoted(summary.name, '')}`;
    }
    case 'recurring.pause':
      return `Paused the recurring item ${quoted(summary.name, '')}`;
    case 'recurring.resume':
      return `Resumed the recurring item ${quoted(summary.name, '')}`;
    case 'recurring.delete':
      return `Deleted the recurring item ${quoted(summary.name, '')}`;
    case 'dueItems.markPaid': {
      const b = brief(summary.transaction);
      const due = typeof summary.dueOn === 'string' ? ` due ${formatDay(summary.dueOn)}` : '';
      return `Paid ${quoted(summary.name, 'a bill')}${due}${b ? `: ${formatMoney(b.amountMinor, b.currency, { signed: false })} on ${formatDay(b.occurredOn)}` : ''}`;
    }
    case 'dueItems.skip': {
      const due = typeof summary.dueOn === 'string' ? ` due ${formatDay(summary.dueOn)}` : '';
      return `Skipped ${quoted(summary.name, 'a bill')}${due}`;
    }
    case 'dueItems.update': {
      const due = typeof summary.dueOn === 'string' ? ` due ${formatDay(summary.dueOn)}` : '';
      const to = typeof summary.newDueOn === 'string' ? ` to ${formatDay(summary.newDueOn)}` : '';
      const fields = Array.isArray(summary.fields) ? summary.fields : [];
      return fields.includes('day')
        ? `Moved ${quoted(summary.name, 'a bill')}${due}${to}${fields.includes('amount') ? ', with its own amount' : ''}`
        : `Set the amount of ${quoted(summary.name, 'a bill')}${due}`;
    }
    case 'dueItems.reorder':
      return `Reordered ${count(number(summary.count), 'due item')}`;
    case 'jobs.dueItems':
      return `Scheduled ${count(number(summary.added), 'due item')}${number(summary.changed) > 0 ? `, changed ${number(summary.changed).toLocaleString('en-US')}` : ''}${number(summary.removed) > 0 ? `, removed ${number(summary.removed).toLocaleString('en-US')}` : ''}`;
    case 'auth.register':
      return 'Created your starter categories and account';
    case 'seed.demo':
      return `Added the demo data (${count(number(summary.transactions), 'transaction')})`;
    case 'seed.bulk':
      return 'Generated benchmark data';
    default:
      return `Changed your data (${action})`;
  }
}

function describeBulkUpdate(summary: Summary): string {
  const n = count(number(summary.count), 'transaction');
  const set = (
    typeof summary.set === 'object' && summary.set !== null ? summary.set : {}
  ) as Summary;
  const keys = Object.keys(set);
  if (keys.length === 1 && 'categoryId' in set) {
    const from = Array.isArray(summary.fromCategories) ? (summary.fromCategories as unknown[]) : [];
    const fromText =
      from.length === 1
        ? ` from ${text(from[0], 'Uncategorized')}`
        : from.length > 1
          ? ` from ${count(from.length, 'category', 'categories')}`
          : '';
    return `Changed the category of ${n}${fromText} to ${text(summary.toCategory, 'Uncategorized')}`;
  }
  if (keys.length === 1 && 'accountId' in set)
    return `Moved ${n} to ${text(summary.toAccount, 'another account')}`;
  if (keys.length === 1 && 'payee' in set) {
    return set.payee === null
      ? `Cleared the payee of ${n}`
      : `Set the payee of ${n} to '${text(set.payee)}'`;
  }
  return `Changed the ${fieldList(keys)} of ${n}`;
}

/** One logged row in words, from the row as the log holds it. */
export function describeRow(table: string, row: Summary | null): string {
  if (!row) return `a row of ${table}`;
  switch (table) {
    case 'transactions':
      return typeof row.occurred_on === 'string' && typeof row.amount_minor === 'number'
        ? describeTransaction({
            payee: typeof row.payee === 'string' ? row.payee : null,
            description: typeof row.description === 'string' ? row.description : null,
            occurredOn: row.occurred_on,
            amountMinor: row.amount_minor,
            currency: text(row.currency, 'USD').trim(),
          })
        : 'a transaction';
    case 'transaction_lines':
      return `line ${number(row.line_no)} of a split${typeof row.memo === 'string' ? ` ('${row.memo}')` : ''}`;
    case 'categories':
      return `the category ${quoted(row.name, '')}`;
    case 'accounts':
      return `the account ${quoted(row.name, '')}`;
    case 'budgets':
      return `a ${text(row.period, 'monthly')} budget from ${typeof row.starts_on === 'string' ? formatDay(row.starts_on) : 'its start'}`;
    case 'recurring_items':
      return `the recurring item ${quoted(row.name, '')}`;
    case 'due_items':
      return typeof row.due_on === 'string'
        ? `the occurrence due ${formatDay(row.due_on)}`
        : 'an occurrence of a recurring item';
    default:
      return `a row of ${table}`;
  }
}
