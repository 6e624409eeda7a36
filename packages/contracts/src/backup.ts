import { z } from 'zod';
import { AccountKind } from './account.ts';
import { BudgetPeriod, BudgetRollover } from './budgets.ts';
import { CategoryKind, CategoryColor } from './category.ts';
import { Count, IsoDate, Uuid } from './dates.ts';
import { ChangeWritten } from './history.ts';
import { MAX_IMPORT_UPLOAD_BYTES, uploadedFile } from './imports.ts';
import { CurrencyCode, MinorUnits } from './money.ts';
import { Description, Name, Notes, Payee, Text } from './text.ts';

/**
 * A full backup of one person's data (DESIGN §10): one versioned JSON document with every
 * account, category, transaction (with its split lines and transfer link), budget, bill and due
 * item, ids included so every reference holds inside the file. `backup.export()` writes it;
 * `backup.restore(file)` reads it back into an account with no data yet.
 */

export const BACKUP_FORMAT = 'outlay-backup';
/** The versions `backup.restore` reads. */
export const BACKUP_VERSION = 1;

/**
 * The most transactions one backup holds. Export refuses above it rather than build an answer of
 * tens of megabytes in memory; at a few hundred bytes a transaction, a backup this size still fits
 * in one upload (`MAX_IMPORT_UPLOAD_BYTES`).
 */
export const MAX_BACKUP_TRANSACTIONS = 100_000;
/** The most split lines one backup holds. */
export const MAX_BACKUP_LINES = 200_000;
/** The most due items (a bill's occurrences) one backup holds. */
export const MAX_BACKUP_DUE_ITEMS = 50_000;
/** The most accounts, categories, budgets or bills one backup holds (well above the app's caps). */
const MAX_BACKUP_OTHERS = 1_000;

export const BackupAccount = z.strictObject({
  id: Uuid,
  name: Name,
  kind: AccountKind,
  currency: CurrencyCode,
  openingBalanceMinor: MinorUnits,
  openedOn: IsoDate.nullable(),
  archived: z.boolean(),
});

export const BackupCategory = z.strictObject({
  id: Uuid,
  name: Name,
  kind: CategoryKind,
  color: CategoryColor,
  parentId: Uuid.nullable(),
  archived: z.boolean(),
});

export const BackupLine = z.strictObject({
  id: Uuid,
  lineNo: z.number().int().min(1).max(10_000),
  categoryId: Uuid.nullable(),
  amountMinor: MinorUnits,
  memo: Description.nullable(),
});

export const BackupTransaction = z.strictObject({
  id: Uuid,
  accountId: Uuid,
  occurredOn: IsoDate,
  amountMinor: MinorUnits,
  currency: CurrencyCode,
  categoryId: Uuid.nullable(),
  payee: Payee.nullable(),
  description: Description.nullable(),
  notes: Notes.nullable(),
  externalId: Text(500).nullable(),
  /** Shared by the two rows of a transfer. */
  transferId: Uuid.nullable(),
  /** A split transaction's lines (its own category is then null); empty when not split. */
  lines: z.array(BackupLine).max(10_000),
});

export const BackupBudget = z.strictObject({
  id: Uuid,
  categoryId: Uuid.nullable(),
  groupId: Uuid.nullable(),
  period: BudgetPeriod,
  amountMinor: MinorUnits,
  startsOn: IsoDate,
  endsOn: IsoDate.nullable(),
  rollover: BudgetRollover,
});

export const BackupRecurringItem = z.strictObject({
  id: Uuid,
  name: Name,
  payee: Payee.nullable(),
  amountMinor: MinorUnits,
  toleranceMinor: MinorUnits,
  accountId: Uuid,
  categoryId: Uuid.nullable(),
  rrule: Text(500),
  startsOn: IsoDate,
  shift: z.enum(['none', 'earlier', 'later']),
  priority: z.number().int(),
  notes: Notes.nullable(),
  paused: z.boolean(),
});

export const BackupDueItem = z.strictObject({
  id: Uuid,
  recurringId: Uuid,
  dueOn: IsoDate,
  amountMinor: MinorUnits,
  status: z.enum(['upcoming', 'paid', 'skipped']),
  transactionId: Uuid.nullable(),
  position: z.number().int().nullable(),
  /** The day its schedule gave it, when it was moved to `dueOn` (absent in older files). */
  scheduledOn: IsoDate.nullable().optional(),
  /** Its amount was set for this occurrence alone (absent in older files: false). */
  amountEdited: z.boolean().optional(),
});

/** The document's shape, field by field (what `backup.export` answers). */
export const BackupDocument = z.strictObject({
  format: z.literal(BACKUP_FORMAT, {
    message: `This is not an Outlay backup (its "format" is not "${BACKUP_FORMAT}")`,
  }),
  version: z.literal(BACKUP_VERSION, {
    message: `This backup's version is not one this Outlay reads (it reads version ${BACKUP_VERSION})`,
  }),
  exportedAt: z.iso.datetime({ offset: true }),
  homeCurrency: CurrencyCode,
  accounts: z.array(BackupAccount).max(MAX_BACKUP_OTHERS),
  categories: z.array(BackupCategory).max(MAX_BACKUP_OTHERS),
  transactions: z.array(BackupTransaction).max(MAX_BACKUP_TRANSACTIONS),
  budgets: z.array(BackupBudget).max(MAX_BACKUP_OTHERS),
  recurringItems: z.array(BackupRecurringItem).max(MAX_BACKUP_OTHERS),
  dueItems: z.array(BackupDueItem).max(MAX_BACKUP_DUE_ITEMS),
});
export type BackupDocument = z.infer<typeof BackupDocument>;

/** Problems a refusal names before "and N more". */
const PROBLEMS_NAMED = 5;

/**
 * Every reference inside the document resolves inside it, ids are unique, transfers are pairs,
 * split lines add up: what `backup.restore` checks before it writes anything. The first few
 * problems are named, so a person can see what is wrong with the file.
 */
export function backupProblems(doc: BackupDocument): string[] {
  const problems: string[] = [];
  const ids = (rows: { id: string }[], what: string) => {
    const seen = new Set<string>();
    for (const row of rows) {
      if (seen.has(row.id)) problems.push(`${what} ${row.id} appears twice`);
      seen.add(row.id);
    }
    return seen;
  };
  const accounts = ids(doc.accounts, 'account');
  const categories = ids(doc.categories, 'category');
  const transactions = ids(doc.transactions, 'transaction');
  ids(
    doc.transactions.flatMap((t) => t.lines),
    'split line',
  );
  ids(doc.budgets, 'budget');
  const recurring = ids(doc.recurringItems, 'bill');
  ids(doc.dueItems, 'due item');
  const category = (id: string | null, where: string) => {
    if (id !== null && !categories.has(id))
      problems.push(`${where} names category ${id}, which is not in the file`);
  };
  const account = (id: string, where: string) => {
    if (!accounts.has(id)) problems.push(`${where} names account ${id}, which is not in the file`);
  };
  for (const c of doc.categories) category(c.parentId, `category "${c.name}"`);
  const transfers = new Map<string, number>();
  for (const t of doc.transactions) {
    const where = `transaction ${t.id}`;
    account(t.accountId, where);
    category(t.categoryId, where);
    for (const line of t.lines) category(line.categoryId, `a split line of ${where}`);
    if (t.lines.length === 1)
      problems.push(`${where} is split into one line; a split has two or more`);
    if (t.lines.length > 0) {
      if (t.categoryId !== null) problems.push(`${where} is split and has a category of its own`);
      const sum = t.lines.reduce((total, line) => total + line.amountMinor, 0);
      if (sum !== t.amountMinor)
        problems.push(`the split lines of ${where} do not add up to its amount`);
    }
    if (t.transferId !== null) transfers.set(t.transferId, (transfers.get(t.transferId) ?? 0) + 1);
  }
  for (const [transferId, rows] of transfers) {
    if (rows !== 2) problems.push(`transfer ${transferId} has ${rows} rows instead of 2`);
  }
  for (const b of doc.budgets) {
    if ((b.categoryId === null) === (b.groupId === null)) {
      problems.push(`budget ${b.id} must name exactly one of a category or a group`);
    }
    category(b.categoryId, `budget ${b.id}`);
    category(b.groupId, `budget ${b.id}`);
  }
  for (const r of doc.recurringItems) {
    account(r.accountId, `bill "${r.name}"`);
    category(r.categoryId, `bill "${r.name}"`);
  }
  for (const d of doc.dueItems) {
    if (!recurring.has(d.recurringId)) {
      problems.push(`due item ${d.id} names bill ${d.recurringId}, which is not in the file`);
    }
    if (d.transactionId !== null && !transactions.has(d.transactionId)) {
      problems.push(
        `due item ${d.id} names transaction ${d.transactionId}, which is not in the file`,
      );
    }
  }
  return problems;
}

/** A document whose every reference resolves inside it (see `backupProblems`). */
export const BackupFile = BackupDocument.superRefine((doc, ctx) => {
  const problems = backupProblems(doc);
  if (problems.length === 0) return;
  const named = problems.slice(0, PROBLEMS_NAMED);
  const more = problems.length - named.length;
  ctx.addIssue({
    code: 'custom',
    message: `This backup does not hold together: ${named.join('; ')}${more > 0 ? `; and ${more} more` : ''}`,
  });
});

/**
 * `backup.restore` takes a multipart form (`FormData`) with one `file` part: a backup as
 * `backup.export` wrote it. The JSON is read and checked whole (`BackupFile`) before anything
 * is written.
 */
export const BackupRestoreInput = z
  .instanceof(FormData, { message: 'Send the backup as multipart form data (FormData)' })
  .transform(async (form, ctx) => {
    const file = uploadedFile(form, [], ctx);
    if (file === null) return z.NEVER;
    if (file.size > MAX_IMPORT_UPLOAD_BYTES) {
      ctx.addIssue({ code: 'custom', message: 'The backup is larger than Outlay reads at once' });
      return z.NEVER;
    }
    try {
      return JSON.parse(await file.text()) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'This file is not a backup: it is not JSON' });
      return z.NEVER;
    }
  })
  .pipe(BackupFile);
export type BackupRestoreInput = z.input<typeof BackupRestoreInput>;

/** What a restore wrote. */
export const BackupRestored = ChangeWritten.extend({
  accounts: Count,
  categories: Count,
  transactions: Count,
  budgets: Count,
  recurringItems: Count,
  dueItems: Count,
});
export type BackupRestored = z.infer<typeof BackupRestored>;
