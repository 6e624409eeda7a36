import { z } from 'zod';
import { Count, IsoDate, Uuid } from './dates.ts';
import { MAX_CATEGORIES } from './category.ts';
import { Text } from './text.ts';

/** Accounts one user may have (the database refuses more), and so the most one filter names. */
export const MAX_ACCOUNTS = 200;

export const TransactionKind = z.enum(['spend', 'income', 'all']);
export type TransactionKind = z.infer<typeof TransactionKind>;

const NonNegativeMinor = Count.max(Number.MAX_SAFE_INTEGER);

/**
 * The one filter (DESIGN §3): used by the API, the web app's URL, the client and saved views.
 * Every field is optional; an empty filter means everything.
 */
export const TransactionFilter = z
  .strictObject({
    /** Inclusive. */
    from: IsoDate.optional(),
    /** Inclusive. */
    to: IsoDate.optional(),
    /** Only these categories. With `includeUncategorized`, rows without a category too. */
    categoryIds: z.array(Uuid).max(MAX_CATEGORIES).optional(),
    /** Rows without a category. Alone (no `categoryIds`) it selects only uncategorized rows. */
    includeUncategorized: z.boolean().optional(),
    accountIds: z.array(Uuid).max(MAX_ACCOUNTS).optional(),
    /** Bounds on the absolute amount, in minor units, inclusive. */
    minAmount: NonNegativeMinor.optional(),
    maxAmount: NonNegativeMinor.optional(),
    /** Case-insensitive text match on payee and description. */
    search: Text(200).optional(),
    kind: TransactionKind.optional(),
  })
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, {
    message: '`from` must be on or before `to`',
    path: ['to'],
  })
  .refine(
    (f) => f.minAmount === undefined || f.maxAmount === undefined || f.minAmount <= f.maxAmount,
    { message: '`minAmount` must not exceed `maxAmount`', path: ['maxAmount'] },
  );
export type TransactionFilter = z.infer<typeof TransactionFilter>;
