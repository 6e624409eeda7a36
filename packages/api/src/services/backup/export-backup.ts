import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  MAX_BACKUP_DUE_ITEMS,
  MAX_BACKUP_LINES,
  MAX_BACKUP_TRANSACTIONS,
  type BackupDocument,
} from '@outlay/contracts';
import type { Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import { DomainError } from '../../errors.ts';

/**
 * Writes every row of the caller's data into one backup document (DESIGN §10), ids included so
 * every reference holds inside it. Counted first: above `MAX_BACKUP_TRANSACTIONS` (or the bounds
 * on lines and due items) it refuses in words rather than build an answer of that size.
 */
export async function exportBackup(
  db: Kysely<Database>,
  { user, now }: { user: { id: string }; now: Date },
): Promise<BackupDocument> {
  const { rows: counts } = await sql<{ transactions: number; lines: number; due: number }>`
    select (select count(*) from transactions where user_id = ${user.id})::int as transactions,
      (select count(*) from transaction_lines where user_id = ${user.id})::int as lines,
      (select count(*) from due_items where user_id = ${user.id})::int as due`.execute(db);
  const count = counts[0] ?? { transactions: 0, lines: 0, due: 0 };
  if (
    count.transactions > MAX_BACKUP_TRANSACTIONS ||
    count.lines > MAX_BACKUP_LINES ||
    count.due > MAX_BACKUP_DUE_ITEMS
  ) {
    throw new DomainError(
      'BAD_INPUT',
      `You have ${count.transactions.toLocaleString('en-US')} transactions; a backup holds at most ${MAX_BACKUP_TRANSACTIONS.toLocaleString('en-US')} (with ${MAX_BACKUP_LINES.toLocaleString('en-US')} split lines and ${MAX_BACKUP_DUE_ITEMS.toLocaleString('en-US')} due items). Export your transactions as CSV instead.`,
    );
  }

  const owner = await db
    .selectFrom('users')
    .select('home_currency')
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow();
  const accounts = await db
    .selectFrom('accounts')
    .selectAll()
    .where('user_id', '=', user.id)
    .orderBy('name')
    .orderBy('id')
    .execute();
  // Groups before the categories in them, so the file reads top-down.
  const categories = await db
    .selectFrom('categories')
    .selectAll()
    .where('user_id', '=', user.id)
    .orderBy(sql`parent_id is not null`)
    .orderBy('name')
    .orderBy('id')
    .execute();
  const transactions = await db
    .selectFrom('transactions')
    .selectAll()
    .where('user_id', '=', user.id)
    .orderBy('occurred_on')
    .orderBy('id')
    .execute();
  const lines = await db
    .selectFrom('transaction_lines')
    .selectAll()
    .where('user_id', '=', user.id)
    .orderBy('transaction_id')
    .orderBy('line_no')
    .execute();
  const budgets = await db
    .selectFrom('budgets')
    .selectAll()
    .where('user_id', '=', user.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const recurring = await db
    .selectFrom('recurring_items')
    .selectAll()
    .where('user_id', '=', user.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const due = await db
    .selectFrom('due_items')
    .selectAll()
    .where('user_id', '=', user.id)
    .orderBy('due_on')
    .orderBy('id')
    .execute();

  const linesOf = new Map<string, BackupDocument['transactions'][number]['lines']>();
  for (const line of lines) {
    const list = linesOf.get(line.transaction_id) ?? [];
    list.push({
      id: line.id,
      lineNo: line.line_no,
      categoryId: line.category_id,
      amountMinor: line.amount_minor,
      memo: line.memo,
    });
    linesOf.set(line.transaction_id, list);
  }

  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    homeCurrency: owner.home_currency,
    accounts: accounts.map((a) => ({
      id: a.id,
      name: a.name,
      kind: a.kind,
      currency: a.currency,
      openingBalanceMinor: a.opening_balance_minor,
      openedOn: a.opened_on,
      archived: a.archived_at !== null,
    })),
    categories: categories.map((c) => ({
      id: c.id,
      name: c.name,
      kind: c.kind,
      color: c.color,
      parentId: c.parent_id,
      archived: c.archived,
    })),
    transactions: transactions.map((t) => ({
      id: t.id,
      accountId: t.account_id,
      occurredOn: t.occurred_on,
      amountMinor: t.amount_minor,
      currency: t.currency,
      categoryId: t.category_id,
      payee: t.payee,
      description: t.description,
      notes: t.notes,
      externalId: t.external_id,
      transferId: t.transfer_id,
      lines: linesOf.get(t.id) ?? [],
    })),
    budgets: budgets.map((b) => ({
      id: b.id,
      categoryId: b.category_id,
      groupId: b.group_id,
      period: b.period,
      amountMinor: b.amount_minor,
      startsOn: b.starts_on,
      endsOn: b.ends_on,
      rollover: b.rollover,
    })),
    recurringItems: recurring.map((r) => ({
      id: r.id,
      name: r.name,
      payee: r.payee,
      amountMinor: r.amount_minor,
      toleranceMinor: r.tolerance_minor,
      accountId: r.account_id,
      categoryId: r.category_id,
      rrule: r.rrule,
      startsOn: r.starts_on,
      shift: r.shift,
      priority: r.priority,
      notes: r.notes,
      paused: r.paused,
    })),
    dueItems: due.map((d) => ({
      id: d.id,
      recurringId: d.recurring_id,
      dueOn: d.due_on,
      amountMinor: d.amount_minor,
      status: d.status,
      transactionId: d.transaction_id,
      position: d.position,
      scheduledOn: d.scheduled_on,
      amountEdited: d.amount_edited,
    })),
  };
}
