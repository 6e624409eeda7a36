import fc from 'fast-check';
import { amountInputValue } from '@outlay/client';
import { describe, expect, it } from 'vitest';
import { checkSplits, draftsFromLines, startSplit, type SplitDraft } from './splits.ts';

let key = 0;
const newKey = () => String(key++);
const line = (amount: string, categoryId: string | null = null, memo = ''): SplitDraft => ({
  key: newKey(),
  categoryId,
  amount,
  memo,
});
const usd = (minor: number) => amountInputValue(minor, 'USD', 'en-US');

describe('checkSplits', () => {
  it('gives the lines, signed like the transaction, once they add up exactly', () => {
    const check = checkSplits(
      [line('30.10', 'food', ' lunch '), line('12.40')],
      -4_250,
      'USD',
      'en-US',
    );
    expect(check).toEqual({
      lines: [
        { categoryId: 'food', amountMinor: -3_010, memo: 'lunch' },
        { categoryId: null, amountMinor: -1_240 },
      ],
      allocatedMinor: -4_250,
      remainderMinor: 0,
      lineErrors: [null, null],
      error: null,
    });
  });

  it('says how much is left, or over, while the lines do not add up', () => {
    const under = checkSplits([line('10'), line('5')], -2_000, 'USD', 'en-US');
    expect(under).toMatchObject({
      lines: null,
      remainderMinor: -500,
      error: 'The lines must add up to the amount',
    });
    const over = checkSplits([line('10'), line('15')], 2_000, 'USD', 'en-US');
    expect(over).toMatchObject({ lines: null, remainderMinor: -500, allocatedMinor: 2_500 });
  });

  it('names the line that is not an amount, and needs two lines', () => {
    const check = checkSplits([line('10'), line('1x'), line('0')], -1_000, 'USD', 'en-US');
    expect(check.lineErrors).toEqual([
      null,
      'Enter a number, like 25 or 19.99',
      'A line cannot be zero',
    ]);
    expect(check.error).toBe('Each line needs an amount');
    expect(checkSplits([line('10')], -1_000, 'USD', 'en-US').error).toBe(
      'A split has at least two lines',
    );
  });

  it('reads amounts in the currency’s digits and the locale’s separators', () => {
    expect(checkSplits([line('1.000'), line('500')], -1_500, 'JPY', 'de-DE').remainderMinor).toBe(
      0,
    );
    expect(checkSplits([line('1,5'), line('0,5')], 200, 'EUR', 'de-DE').lines).toEqual([
      { categoryId: null, amountMinor: 150 },
      { categoryId: null, amountMinor: 50 },
    ]);
  });

  it('any cut of an amount into lines adds up, and the remainder is what is missing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 10_000_000 }),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 8 }),
        (magnitude, out, cuts) => {
          const total = out ? -magnitude : magnitude;
          // Cut the magnitude into positive parts: the given sizes, then what is left.
          const parts: number[] = [];
          let left = magnitude;
          for (const cut of cuts) {
            if (left - cut < 1) break;
            parts.push(cut);
            left -= cut;
          }
          parts.push(left);
          if (parts.length < 2) return;
          const drafts = parts.map((part) => line(usd(part)));
          const even = checkSplits(drafts, total, 'USD', 'en-US');
          expect(even.error).toBeNull();
          expect(even.lines!.reduce((sum, l) => sum + l.amountMinor, 0)).toBe(total);
          const short = checkSplits(drafts.slice(1), total, 'USD', 'en-US');
          expect(short.remainderMinor).toBe(out ? -parts[0]! : parts[0]!);
        },
      ),
    );
  });
});

describe('starting and loading a split', () => {
  it('starts with the whole amount on the first line, and an empty second', () => {
    const drafts = startSplit(-4_250, 'food', usd, newKey);
    expect(drafts.map(({ categoryId, amount }) => [categoryId, amount])).toEqual([
      ['food', '42.50'],
      [null, ''],
    ]);
    expect(checkSplits(drafts, -4_250, 'USD', 'en-US').error).toBe('Each line needs an amount');
  });

  it('loads saved lines as magnitudes that read back to the same lines', () => {
    const saved = [
      { categoryId: 'a', amountMinor: -1_999, memo: 'x' },
      { categoryId: null, amountMinor: -1, memo: null },
    ];
    const drafts = draftsFromLines(saved, usd, newKey);
    expect(checkSplits(drafts, -2_000, 'USD', 'en-US').lines).toEqual([
      { categoryId: 'a', amountMinor: -1_999, memo: 'x' },
      { categoryId: null, amountMinor: -1 },
    ]);
  });
});
