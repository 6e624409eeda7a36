import { z } from 'zod';
import { IsoDate, Uuid } from './dates.ts';
import { CurrencyCode, MinorUnits } from './money.ts';
import { Name } from './text.ts';
import { patchOf, updateOf } from './patch.ts';
import { ChangeWritten } from './history.ts';

export const AccountKind = z.enum(['checking', 'savings', 'credit', 'cash']);
export type AccountKind = z.infer<typeof AccountKind>;

export const Account = z.object({
  id: Uuid,
  name: z.string(),
  kind: AccountKind,
  currency: CurrencyCode,
  openingBalanceMinor: MinorUnits,
  openedOn: IsoDate.nullable(),
  /** Archived accounts are hidden from pickers; their transactions stay and still count. */
  archived: z.boolean(),
});
export type Account = z.infer<typeof Account>;

/** An opening balance: any sign (a credit card opens in debt), bounded like a transaction. */
const OpeningBalance = z.number().int().min(-1_000_000_000_000).max(1_000_000_000_000);

export const CreateAccountInput = z.strictObject({
  name: Name,
  kind: AccountKind,
  currency: CurrencyCode,
  openingBalanceMinor: OpeningBalance.optional(),
  openedOn: IsoDate.optional(),
});
export type CreateAccountInput = z.infer<typeof CreateAccountInput>;

export const UpdateAccountInput = updateOf(
  patchOf({
    name: Name.optional(),
    kind: AccountKind.optional(),
    /** Only while the account has no transactions. */
    currency: CurrencyCode.optional(),
    openingBalanceMinor: OpeningBalance.optional(),
    openedOn: IsoDate.nullable().optional(),
  }),
);
export type UpdateAccountInput = z.infer<typeof UpdateAccountInput>;

export const AccountWritten = ChangeWritten.extend({
  account: Account,
});
export type AccountWritten = z.infer<typeof AccountWritten>;
