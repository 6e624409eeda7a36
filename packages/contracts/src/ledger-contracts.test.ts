import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BulkUpdateTransactionsInput,
  CreateTransactionInput,
  CreateTransferInput,
  MAX_AMOUNT_MINOR,
  Notes,
  Payee,
  TransactionPatch,
} from './index.ts';

const uuid = '00000000-0000-4000-8000-000000000001';

describe('text a person typed', () => {
  it('is trimmed, and refused when it holds a control character anywhere', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 50 }),
        fc.integer({ min: 0, max: 0x9f }).filter((c) => c <= 0x1f || c >= 0x7f),
        fc.nat(),
        (text, code, at) => {
          const position = at % (text.length + 1);
          const withControl = `a${text.slice(0, position)}${String.fromCharCode(code)}${text.slice(position)}b`;
          expect(Payee.safeParse(withControl).success).toBe(false);
        },
      ),
    );
    expect(Payee.parse('  Corner Café  ')).toBe('Corner Café');
    expect(Payee.safeParse(' \t ').success).toBe(false);
    expect(Payee.safeParse('x'.repeat(201)).success).toBe(false);
    // A note may hold line breaks and tabs, nothing else.
    expect(Notes.parse('first line\n\tsecond')).toBe('first line\n\tsecond');
    expect(Notes.safeParse('bell\u0007').success).toBe(false);
  });
});

describe('write contracts', () => {
  const base = { accountId: uuid, occurredOn: '2025-01-01', amountMinor: -1_000 };

  it('take non-zero whole amounts within the bound, and split lines that add up', () => {
    expect(CreateTransactionInput.safeParse(base).success).toBe(true);
    for (const amountMinor of [0, 0.5, MAX_AMOUNT_MINOR + 1, -MAX_AMOUNT_MINOR - 1, Number.NaN]) {
      expect(CreateTransactionInput.safeParse({ ...base, amountMinor }).success).toBe(false);
    }
    const lines = (...amounts: number[]) =>
      amounts.map((amountMinor) => ({ categoryId: null, amountMinor }));
    expect(CreateTransactionInput.safeParse({ ...base, splits: lines(-600, -400) }).success).toBe(
      true,
    );
    expect(CreateTransactionInput.safeParse({ ...base, splits: lines(-600, -401) }).success).toBe(
      false,
    );
    expect(CreateTransactionInput.safeParse({ ...base, splits: lines(-1_000) }).success).toBe(
      false,
    );
    expect(
      CreateTransactionInput.safeParse({ ...base, categoryId: uuid, splits: lines(-600, -400) })
        .success,
    ).toBe(false);
  });

  it('refuse a patch or a bulk set that changes nothing', () => {
    expect(TransactionPatch.safeParse({}).success).toBe(false);
    expect(TransactionPatch.safeParse({ payee: undefined }).success).toBe(false);
    expect(TransactionPatch.safeParse({ payee: null }).success).toBe(true);
    expect(BulkUpdateTransactionsInput.safeParse({ ids: [uuid], set: {} }).success).toBe(false);
    expect(BulkUpdateTransactionsInput.safeParse({ ids: [], set: { payee: 'x' } }).success).toBe(
      false,
    );
  });

  it('refuse a transfer into the same account or of a non-positive amount', () => {
    const transfer = {
      fromAccountId: uuid,
      toAccountId: uuid.replace(/1$/, '2'),
      occurredOn: '2025-01-01',
      amountMinor: 100,
    };
    expect(CreateTransferInput.safeParse(transfer).success).toBe(true);
    expect(CreateTransferInput.safeParse({ ...transfer, toAccountId: uuid }).success).toBe(false);
    expect(CreateTransferInput.safeParse({ ...transfer, amountMinor: -100 }).success).toBe(false);
  });
});
