import { describe, expect, it } from 'vitest';
import { draftFromRow, inlineMode, inlinePatch } from './inline-edit.ts';

const row = {
  occurredOn: '2026-03-04',
  payee: 'Corner Cafe',
  categoryId: 'dining',
  amountMinor: -1_234,
  currency: 'USD',
  lineNo: null,
  transfer: null,
};
const transfer = {
  ...row,
  categoryId: null,
  transfer: { id: 't', otherTransactionId: 'o', otherAccountId: 'a', otherAccountName: 'Savings' },
};
const en = 'en-US';

describe('inlineMode', () => {
  it('edits whole rows in place, transfers without a category, and sends split lines to the drawer', () => {
    expect(inlineMode(row)).toBe('whole');
    expect(inlineMode(transfer)).toBe('transfer');
    expect(inlineMode({ ...row, lineNo: 2 })).toBe('split-line');
  });
});

describe('inlinePatch', () => {
  it('is empty when nothing changed (the fields start from the row)', () => {
    expect(inlinePatch(row, draftFromRow(row, en), en)).toEqual({ ok: true, patch: {} });
    expect(inlinePatch(transfer, draftFromRow(transfer, en), en)).toEqual({ ok: true, patch: {} });
  });

  it('holds only the fields that changed', () => {
    const draft = { ...draftFromRow(row, en), amount: '20.50', categoryId: 'groceries' };
    expect(inlinePatch(row, draft, en)).toEqual({
      ok: true,
      patch: { amountMinor: -2_050, categoryId: 'groceries' },
    });
    expect(inlinePatch(row, { ...draftFromRow(row, en), date: '2026-03-05' }, en)).toEqual({
      ok: true,
      patch: { occurredOn: '2026-03-05' },
    });
  });

  it('reads the direction, trims the payee, and takes an emptied payee or category as none', () => {
    const draft = { ...draftFromRow(row, en), income: true, payee: '  ', categoryId: null };
    expect(inlinePatch(row, draft, en)).toEqual({
      ok: true,
      patch: { amountMinor: 1_234, payee: null, categoryId: null },
    });
    expect(inlinePatch(row, { ...draftFromRow(row, en), payee: ' Corner Cafe ' }, en)).toEqual({
      ok: true,
      patch: {},
    });
  });

  it('keeps a transfer’s direction and never sends it a category', () => {
    const draft = { ...draftFromRow(transfer, en), amount: '50', income: true, categoryId: 'x' };
    expect(inlinePatch(transfer, draft, en)).toEqual({ ok: true, patch: { amountMinor: -5_000 } });
    const incoming = { ...transfer, amountMinor: 1_234 };
    expect(inlinePatch(incoming, { ...draftFromRow(incoming, en), amount: '1' }, en)).toEqual({
      ok: true,
      patch: { amountMinor: 100 },
    });
  });

  it('refuses a zero or unreadable amount and a missing date, before anything is sent', () => {
    const base = draftFromRow(row, en);
    expect(inlinePatch(row, { ...base, amount: '0' }, en)).toEqual({
      ok: false,
      errors: { amount: 'An amount cannot be zero' },
    });
    const bad = inlinePatch(row, { ...base, amount: 'abc', date: '' }, en);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors.date).toBe('Enter a date');
      expect(bad.errors.amount).toBeTruthy();
    }
  });

  it('will not patch a line of a split (the drawer edits those)', () => {
    expect(() => inlinePatch({ ...row, lineNo: 1 }, draftFromRow(row, en), en)).toThrow();
  });
});
