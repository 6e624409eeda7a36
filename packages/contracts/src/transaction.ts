import { z } from 'zod';
import { IsoDate, Uuid } from './dates.ts';
import { TransactionFilter } from './filter.ts';
import { CurrencyCode, MinorUnits } from './money.ts';
import { CategoryKind } from './category.ts';

export const Transaction = z.object({
  id: Uuid,
  accountId: Uuid,
  accountName: z.string(),
  occurredOn: IsoDate,
  amountMinor: MinorUnits,
  currency: CurrencyCode,
  categoryId: Uuid.nullable(),
  categoryName: z.string().nullable(),
  categoryKind: CategoryKind.nullable(),
  payee: z.string().nullable(),
  description: z.string().nullable(),
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

export const TransactionListInput = z.strictObject({
  filter: TransactionFilter.default({}),
  /** Opaque keyset cursor from a previous page's `nextCursor`. */
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, 'Invalid cursor')
    .nullish(),
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
  sort: TransactionSort.default({ field: 'date', direction: 'desc' }),
});
export type TransactionListInput = z.infer<typeof TransactionListInput>;

export const TransactionPage = z.object({
  items: z.array(Transaction),
  nextCursor: z.string().nullable(),
});
export type TransactionPage = z.infer<typeof TransactionPage>;
