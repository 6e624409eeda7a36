import type { BackupDocument, BackupRestored } from '@outlay/contracts';
import { inTransaction, type Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import { DomainError } from '../../errors.ts';
import type { Writer } from '../history/actor.ts';
import { openDescribedChangeSet } from '../history/open-described-change-set.ts';
import { finishWrites } from '../history/write-checks.ts';

/** Rows one insert statement carries (one JSON parameter each). */
const CHUNK = 5_000;

/**
 * Restores a backup (checked whole by its contract: every reference resolves inside the file)
 * into the caller's account, in one transaction and one change set, so History can undo the whole
 * restore. Only into an account with no data yet: no transactions, budgets, bills or imports. Its
 * accounts and categories (the starter set a new account gets) are unused then, so the backup's
 * take their place (`replaceStarterSet`), in the same change set, and undo brings them back.
 *
 * The file's ids are kept for the rows written new: every table is keyed by (user, id), so they
 * cannot clash with another person's, and references inside the file hold as written. Only an
 * account or category that takes the place of one of the caller's keeps the caller's id.
 */
export async function restoreBackup(
  db: Kysely<Database>,
  { user, backup }: { user: Writer; backup: BackupDocument },
): Promise<BackupRestored> {
  return inTransaction(db, async (trx) => {
    const counts = {
      accounts: backup.accounts.length,
      categories: backup.categories.length,
      transactions: backup.transactions.length,
      budgets: backup.budgets.length,
      recurringItems: backup.recurringItems.length,
      dueItems: backup.dueItems.length,
    };
    // Opening the change set takes the user's row lock: no other write of theirs can add data
    // between the check below and the restore.
    const { changeSetId, description } = await openDescribedChangeSet(trx, {
      user,
      action: 'backup.restore',
      summary: { exportedAt: backup.exportedAt, ...counts },
    });
    const { rows } = await sql<{ what: string }>`
      select what from (
        select 'transactions' as what from transactions where user_id = ${user.id}
        union all select 'budgets' from budgets where user_id = ${user.id}
        union all select 'bills' from recurring_items where user_id = ${user.id}
        union all select 'imports' from import_batches where user_id = ${user.id}
      ) data limit 1`.execute(trx);
    if (rows[0]) {
      throw new DomainError(
        'CONFLICT',
        `A backup can only be restored into an account with no data yet, and yours has ${rows[0].what}. Register a new account to restore into. Nothing was restored.`,
      );
    }
    await trx
      .updateTable('users')
      .set({ home_currency: backup.homeCurrency })
      .where('id', '=', user.id)
      .where('home_currency', '<>', backup.homeCurrency)
      .execute();

    // The caller's rows of one table, one per item of the backup.
    const insertOwned = <Item>(
      table: keyof Database,
      items: readonly Item[],
      row: (item: Item) => Record<string, unknown>,
    ) =>
      insertRows(
        trx,
        table,
        items.map((item) => ({ user_id: user.id, ...row(item) })),
      );
    const { accountIds, categoryIds } = await replaceStarterSet(trx, user.id, backup);
    const accountOf = (id: string) => accountIds.get(id) ?? id;
    const categoryOf = (id: string | null) => (id === null ? null : (categoryIds.get(id) ?? id));

    await insertOwned('transactions', backup.transactions, (t) => ({
      id: t.id,
      account_id: accountOf(t.accountId),
      occurred_on: t.occurredOn,
      amount_minor: t.amountMinor,
      currency: t.currency,
      category_id: categoryOf(t.categoryId),
      payee: t.payee,
      description: t.description,
      notes: t.notes,
      external_id: t.externalId,
      split: t.lines.length > 0,
      transfer_id: t.transferId,
    }));
    await insertOwned(
      'transaction_lines',
      backup.transactions.flatMap((t) => t.lines.map((line) => ({ ...line, transactionId: t.id }))),
      (line) => ({
        id: line.id,
        transaction_id: line.transactionId,
        line_no: line.lineNo,
        category_id: categoryOf(line.categoryId),
        amount_minor: line.amountMinor,
        memo: line.memo,
      }),
    );
    await insertOwned('budgets', backup.budgets, (b) => ({
      id: b.id,
      category_id: categoryOf(b.categoryId),
      group_id: categoryOf(b.groupId),
      period: b.period,
      amount_minor: b.amountMinor,
      starts_on: b.startsOn,
      ends_on: b.endsOn,
      rollover: b.rollover,
    }));
    await insertOwned('recurring_items', backup.recurringItems, (r) => ({
      id: r.id,
      name: r.name,
      payee: r.payee,
      amount_minor: r.amountMinor,
      tolerance_minor: r.toleranceMinor,
      account_id: accountOf(r.accountId),
      category_id: categoryOf(r.categoryId),
      rrule: r.rrule,
      starts_on: r.startsOn,
      shift: r.shift,
      priority: r.priority,
      notes: r.notes,
      paused: r.paused,
    }));
    await insertOwned('due_items', backup.dueItems, (d) => ({
      id: d.id,
      recurring_id: d.recurringId,
      due_on: d.dueOn,
      amount_minor: d.amountMinor,
      status: d.status,
      transaction_id: d.transactionId,
      position: d.position,
      scheduled_on: d.scheduledOn ?? null,
      amount_edited: d.amountEdited ?? false,
    }));
    await finishWrites(trx);
    return { changeSetId, description, ...counts };
  });
}

/**
 * Puts the backup's accounts and categories in place of the caller's (unused: the restore checked
 * there is no data), so that undo can bring the caller's back. The unique names per user (and,
 * for categories, per group) decide how: a row of the caller's with the name of one of the
 * backup's is updated into it, keeping its id; the backup's other rows are inserted with their
 * own ids; the caller's other rows are deleted. Undo then re-inserts only rows whose names no
 * restored row holds, so it never clashes. Answers the ids the backup's rows were written under
 * where they differ from the file's.
 */
async function replaceStarterSet(
  trx: Kysely<Database>,
  userId: string,
  backup: BackupDocument,
): Promise<{ accountIds: Map<string, string>; categoryIds: Map<string, string> }> {
  const nameKey = (name: string) => name.toLowerCase();
  const accounts = matcher(
    (
      await trx
        .selectFrom('accounts')
        .select(['id', 'name'])
        .where('user_id', '=', userId)
        .execute()
    ).map((a) => ({ key: nameKey(a.name), id: a.id })),
  );
  const accountRows = {
    update: [] as Record<string, unknown>[],
    insert: [] as Record<string, unknown>[],
  };
  for (const a of backup.accounts) {
    const existing = accounts.claim(nameKey(a.name), a.id);
    const row = {
      user_id: userId,
      id: existing ?? a.id,
      name: a.name,
      kind: a.kind,
      currency: a.currency,
      opening_balance_minor: a.openingBalanceMinor,
      opened_on: a.openedOn,
      archived_at: a.archived ? backup.exportedAt : null,
    };
    (existing === undefined ? accountRows.insert : accountRows.update).push(row);
  }

  const categoryKey = (parentId: string | null, name: string) =>
    `${parentId ?? ''}/${nameKey(name)}`;
  const categories = matcher(
    (
      await trx
        .selectFrom('categories')
        .select(['id', 'name', 'parent_id'])
        .where('user_id', '=', userId)
        .execute()
    ).map((c) => ({ key: categoryKey(c.parent_id, c.name), id: c.id })),
  );
  const categoryRows = {
    update: [] as Record<string, unknown>[],
    groups: [] as Record<string, unknown>[],
    insert: [] as Record<string, unknown>[],
  };
  // Groups first: a category matches one of the caller's only under the group its group became.
  const ordered = [
    ...backup.categories.filter((c) => c.parentId === null),
    ...backup.categories.filter((c) => c.parentId !== null),
  ];
  for (const c of ordered) {
    const parentId = c.parentId === null ? null : (categories.ids.get(c.parentId) ?? c.parentId);
    const existing = categories.claim(categoryKey(parentId, c.name), c.id);
    const row = {
      user_id: userId,
      id: existing ?? c.id,
      name: c.name,
      kind: c.kind,
      color: c.color,
      parent_id: parentId,
      archived: c.archived,
    };
    if (existing !== undefined) categoryRows.update.push(row);
    else (parentId === null ? categoryRows.groups : categoryRows.insert).push(row);
  }

  // The caller's rows that no row of the backup took over go.
  for (const [table, left] of [
    ['categories', categories],
    ['accounts', accounts],
  ] as const) {
    const unclaimed = left.unclaimed();
    if (unclaimed.length === 0) continue;
    await trx
      .deleteFrom(table)
      .where('user_id', '=', userId)
      .where('id', 'in', unclaimed)
      .execute();
  }
  await updateRows(trx, 'accounts', accountRows.update);
  await insertRows(trx, 'accounts', accountRows.insert);
  await updateRows(trx, 'categories', categoryRows.update);
  await insertRows(trx, 'categories', categoryRows.groups);
  await insertRows(trx, 'categories', categoryRows.insert);
  return { accountIds: accounts.ids, categoryIds: categories.ids };
}

/**
 * The caller's rows of one table by a key (a name), each claimed by at most one of the backup's
 * rows with that key: `ids` maps the backup's id to the caller's for every row claimed.
 */
function matcher(rows: readonly { key: string; id: string }[]) {
  const unmatched = new Map(rows.map((row) => [row.key, row.id]));
  const ids = new Map<string, string>();
  return {
    ids,
    /** The id of the caller's row with this key, if one is left, now claimed for `backupId`. */
    claim(key: string, backupId: string): string | undefined {
      const existing = unmatched.get(key);
      if (existing !== undefined) {
        unmatched.delete(key);
        ids.set(backupId, existing);
      }
      return existing;
    },
    unclaimed: () => [...unmatched.values()],
  };
}

/** Updates rows (keyed by `user_id` and `id`) to the values given, in one statement. */
async function updateRows(
  trx: Kysely<Database>,
  table: 'accounts' | 'categories',
  rows: Record<string, unknown>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const set = sql.join(
    Object.keys(first)
      .filter((column) => column !== 'user_id' && column !== 'id')
      .map((column) => sql`${sql.ref(column)} = r.${sql.ref(column)}`),
  );
  await sql`
    update ${sql.table(table)} t set ${set}
    from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::json) r
    where t.user_id = r.user_id and t.id = r.id`.execute(trx);
}

/**
 * Inserts rows given as objects keyed by column, a chunk at a time, each chunk one statement with
 * one JSON parameter (`json_populate_recordset` types every value by its column), so a backup of
 * many thousands of rows needs neither thousands of statements nor thousands of parameters.
 * Columns a row leaves out (created_at, updated_at) take their defaults.
 */
async function insertRows(
  trx: Kysely<Database>,
  table: keyof Database,
  rows: Record<string, unknown>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = sql.join(Object.keys(first).map((column) => sql.ref(column)));
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = JSON.stringify(rows.slice(start, start + CHUNK));
    await sql`
      insert into ${sql.table(table)} (${columns})
      select ${columns} from json_populate_recordset(null::${sql.table(table)}, ${chunk}::json)`.execute(
      trx,
    );
  }
}
