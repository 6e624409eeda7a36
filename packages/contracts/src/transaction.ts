import { z } from 'zod';
import { IsoDate, Uuid } from './dates.ts';
import { TransactionFilter } from './filter.ts';
import { CurrencyCode, MinorUnits } from './money.ts';
import { CategoryKind } from './category.ts';
import { Description, Memo, Notes, Payee } from './text.ts';
import { patchOf, updateOf } from './patch.ts';
import { ChangeWritten } from './history.ts';

/** The two rows of a transfer: this row's partner and the partner's account. */
export const TransferLink = z.object({
  id: Uuid,
  otherTransactionId: Uuid,
  otherAccountId: Uuid,
  otherAccountName: z.string(),
});
export type TransferLink = z.infer<typeof TransferLink>;

/** What a row of the list and a whole transaction both say of it, names as well as ids. */
const described = {
  currency: CurrencyCode,
  categoryId: Uuid.nullable(),
  categoryName: z.string().nullable(),
  categoryKind: CategoryKind.nullable(),
  payee: z.string().nullable(),
  description: z.string().nullable(),
  notes: z.string().nullable(),
};

/**
 * A row of `transactions.list`: an entry (DESIGN §3) — an unsplit transaction, or one line of a
 * split transaction with that line's category and amount (a filter on a category lists the line,
 * not the whole receipt).
 */
export const Transaction = z.object({
  /** The transaction's id (shared by the lines of a split transaction). */
  id: Uuid,
  /** Unique per row: the transaction's id, or the line's id for a line of a split transaction. */
  entryId: Uuid,
  /** The line's number within its split transaction; null for an unsplit transaction. */
  lineNo: z.number().int().min(1).nullable(),
  accountId: Uuid,
  accountName: z.string(),
  occurredOn: IsoDate,
  /** The entry's amount: the line's for a line, else the transaction's. */
  amountMinor: MinorUnits,
  /** The whole transaction's amount (equal to `amountMinor` unless this is a line). */
  transactionAmountMinor: MinorUnits,
  ...described,
  /** The line's memo. */
  memo: z.string().nullable(),
  /** Set on both rows of a transfer, which count as neither spend nor income. */
  transfer: TransferLink.nullable(),
  /** This row's contribution to spend under the one definition (DESIGN §3): a refund is negative. */
  spendMinor: MinorUnits,
});
export type Transaction = z.infer<typeof Transaction>;

export const TransactionSortField = z.enum(['date', 'amount']);
export const SortDirection = z.enum(['asc', 'desc']);

export const TransactionSort = z.strictObject({
  field: TransactionSortField,
  direction: SortDirection,
});
export type TransactionSort = z.infer<typeof TransactionSort>;

export const MAX_PAGE_SIZE = 500;

export const TransactionListInput = z
  .strictObject({
    filter: TransactionFilter.default({}),
    /** Opaque keyset cursor from a previous page's `nextCursor`. */
    cursor: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,200}$/, 'Invalid cursor')
      .nullish(),
    /**
     * Jump: the page starts at this date instead of the first row — newest first, the newest
     * rows on or before it; oldest first, the oldest on or after it. Its `nextCursor` pages on
     * from there. Only with the date sort, and not with a cursor (which already says where).
     */
    startAt: IsoDate.nullish(),
    limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
    sort: TransactionSort.default({ field: 'date', direction: 'desc' }),
  })
  .refine((input) => !input.startAt || input.sort.field === 'date', {
    message: 'A page can start at a date only when sorted by date',
    path: ['startAt'],
  })
  .refine((input) => !input.startAt || !input.cursor, {
    message: 'Give a cursor or a date to start at, not both',
    path: ['startAt'],
  });
export type TransactionListInput = z.infer<typeof TransactionListInput>;

export const TransactionPage = z.object({
  items: z.array(Transaction),
  nextCursor: z.string().nullable(),
});
export type TransactionPage = z.infer<typeof TransactionPage>;

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * The largest amount one transaction may carry, either sign: 10 billion in major units, beyond
 * any personal transaction, and small enough that thousands of them still sum exactly.
 */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000;

/** A transaction's (or a line's) amount: a non-zero integer of minor units, negative = money out. */
export const TransactionAmount = z
  .number()
  .int()
  .min(-MAX_AMOUNT_MINOR)
  .max(MAX_AMOUNT_MINOR)
  .refine((amount) => amount !== 0, 'An amount cannot be zero');

/** Most lines one split transaction may have. */
export const MAX_SPLIT_LINES = 100;
/** Most transactions one delete or bulk update may name. */
export const MAX_BULK_IDS = 10_000;

export const SplitLineInput = z.strictObject({
  categoryId: Uuid.nullable(),
  amountMinor: TransactionAmount,
  memo: Memo.nullish(),
});
export type SplitLineInput = z.infer<typeof SplitLineInput>;

/** A split: two or more lines whose amounts add up to the transaction's. */
export const Splits = z.array(SplitLineInput).min(2).max(MAX_SPLIT_LINES);

const sum = (lines: SplitLineInput[]) => lines.reduce((total, line) => total + line.amountMinor, 0);

export const CreateTransactionInput = z
  .strictObject({
    accountId: Uuid,
    occurredOn: IsoDate,
    amountMinor: TransactionAmount,
    payee: Payee.nullish(),
    description: Description.nullish(),
    notes: Notes.nullish(),
    categoryId: Uuid.nullish(),
    splits: Splits.optional(),
  })
  .refine((input) => !(input.splits && input.categoryId), {
    message: 'A split transaction has no category of its own: give each line one',
    path: ['categoryId'],
  })
  .refine((input) => !input.splits || sum(input.splits) === input.amountMinor, {
    message: 'The lines must add up to the amount',
    path: ['splits'],
  });
export type CreateTransactionInput = z.infer<typeof CreateTransactionInput>;

export const TransactionPatch = patchOf({
  accountId: Uuid.optional(),
  occurredOn: IsoDate.optional(),
  amountMinor: TransactionAmount.optional(),
  payee: Payee.nullable().optional(),
  description: Description.nullable().optional(),
  notes: Notes.nullable().optional(),
  categoryId: Uuid.nullable().optional(),
  /** New lines (replacing any), or null to make the transaction whole again. */
  splits: Splits.nullable().optional(),
})
  .refine((patch) => !(patch.splits && patch.categoryId), {
    message: 'A split transaction has no category of its own: give each line one',
    path: ['categoryId'],
  })
  .refine(
    (patch) =>
      !patch.splits || patch.amountMinor === undefined || sum(patch.splits) === patch.amountMinor,
    { message: 'The lines must add up to the amount', path: ['splits'] },
  );
export type TransactionPatch = z.infer<typeof TransactionPatch>;

export const UpdateTransactionInput = updateOf(TransactionPatch);
export type UpdateTransactionInput = z.infer<typeof UpdateTransactionInput>;

const BulkIds = z.array(Uuid).min(1).max(MAX_BULK_IDS);

export const DeleteTransactionsInput = z.strictObject({ ids: BulkIds });
export type DeleteTransactionsInput = z.infer<typeof DeleteTransactionsInput>;

export const BulkUpdateTransactionsInput = z.strictObject({
  ids: BulkIds,
  set: patchOf({
    /** For a split transaction, every line takes this category. */
    categoryId: Uuid.nullable().optional(),
    accountId: Uuid.optional(),
    payee: Payee.nullable().optional(),
    notes: Notes.nullable().optional(),
  }),
});
export type BulkUpdateTransactionsInput = z.infer<typeof BulkUpdateTransactionsInput>;

export const CreateTransferInput = z
  .strictObject({
    fromAccountId: Uuid,
    toAccountId: Uuid,
    occurredOn: IsoDate,
    /** The amount moved: positive; the row out of `fromAccountId` gets its negation. */
    amountMinor: TransactionAmount.refine((amount) => amount > 0, 'The amount moved is positive'),
    payee: Payee.nullish(),
    description: Description.nullish(),
    notes: Notes.nullish(),
  })
  .refine((input) => input.fromAccountId !== input.toAccountId, {
    message: 'A transfer moves money between two different accounts',
    path: ['toAccountId'],
  });
export type CreateTransferInput = z.infer<typeof CreateTransferInput>;

export const TransactionLine = z.object({
  id: Uuid,
  lineNo: z.number().int().min(1),
  categoryId: Uuid.nullable(),
  categoryName: z.string().nullable(),
  categoryKind: CategoryKind.nullable(),
  amountMinor: MinorUnits,
  memo: z.string().nullable(),
});
export type TransactionLine = z.infer<typeof TransactionLine>;

/** One transaction as `transactions.get` and every write return it: whole, with its lines. */
export const TransactionDetail = z.object({
  id: Uuid,
  accountId: Uuid,
  accountName: z.string(),
  occurredOn: IsoDate,
  amountMinor: MinorUnits,
  /** `categoryId` is null for a split transaction: its lines carry the categories. */
  ...described,
  split: z.boolean(),
  /** In line order; empty unless split. */
  lines: z.array(TransactionLine),
  transfer: TransferLink.nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type TransactionDetail = z.infer<typeof TransactionDetail>;

/** What a write of whole transactions returns: its change set and every row it wrote. */
export const TransactionsWritten = ChangeWritten.extend({
  transactions: z.array(TransactionDetail),
});
export type TransactionsWritten = z.infer<typeof TransactionsWritten>;

/** What a delete or a bulk update returns: its change set and the ids of the rows it touched. */
export const TransactionsChanged = ChangeWritten.extend({
  ids: z.array(Uuid),
});
export type TransactionsChanged = z.infer<typeof TransactionsChanged>;

// ---------------------------------------------------------------------------------------------
// Helpers for entering and selecting

/** Every transaction (not line) matching a filter, newest first, for "select all matching". */
export const TransactionIdsInput = z.strictObject({ filter: TransactionFilter.default({}) });
export type TransactionIdsInput = z.infer<typeof TransactionIdsInput>;

export const TransactionIds = z.object({
  /** At most MAX_BULK_IDS: what one bulk update or delete takes. */
  ids: z.array(Uuid).max(MAX_BULK_IDS),
  /** True when more transactions match than `ids` holds. */
  truncated: z.boolean(),
});
export type TransactionIds = z.infer<typeof TransactionIds>;

/** How many recent transactions payee suggestions are drawn from. */
export const PAYEE_HISTORY = 5_000;

export const PayeeSuggestionsInput = z.strictObject({
  /** Case-insensitive start of the payee; all recent payees without it. */
  prefix: z.string().trim().min(1).max(100).optional(),
  limit: z.number().int().min(1).max(50).default(10),
});
export type PayeeSuggestionsInput = z.infer<typeof PayeeSuggestionsInput>;

/** A payee from the user's history, with what its latest transaction used (for quick entry). */
export const PayeeSuggestion = z.object({
  payee: z.string(),
  /** The latest transaction's category (null when it had none or was split). */
  categoryId: Uuid.nullable(),
  accountId: Uuid,
  lastUsedOn: IsoDate,
});
export type PayeeSuggestion = z.infer<typeof PayeeSuggestion>;
