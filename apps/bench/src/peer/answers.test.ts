import { describe, expect, it } from 'vitest';
import { agreement, amount, breakdown, difference, ids } from './answers.ts';

describe('breakdown', () => {
  it('adds up pairs of one key, drops keys with no spend and sorts by key', () => {
    expect(
      breakdown([
        ['Travel', 500],
        ['Dining', 200],
        ['Travel', -100],
        ['Salary', 0],
        ['Refunds only', 300],
        ['Refunds only', -300],
      ]),
    ).toEqual({
      kind: 'breakdown',
      entries: [
        ['Dining', 200],
        ['Travel', 400],
      ],
    });
  });

  it('sorts by code point, whatever the locale', () => {
    expect(
      breakdown([
        ['b', 1],
        ['B', 1],
        ['a', 1],
      ]),
    ).toEqual({
      kind: 'breakdown',
      entries: [
        ['B', 1],
        ['a', 1],
        ['b', 1],
      ],
    });
  });
});

describe('difference', () => {
  it('is null for equal answers of every kind', () => {
    expect(difference(amount(12), amount(12))).toBeNull();
    expect(difference(breakdown([['a', 1]]), breakdown([['a', 1]]))).toBeNull();
    expect(difference(ids(['x', 'y']), ids(['x', 'y']))).toBeNull();
  });

  it('names the first difference', () => {
    expect(difference(amount(12), amount(13))).toBe('expected 12, got 13');
    expect(difference(amount(12), ids([]))).toBe('expected amount, got ids');
    expect(difference(breakdown([['a', 1]]), breakdown([['a', 2]]))).toBe('a: expected 1, got 2');
    expect(difference(breakdown([['a', 1]]), breakdown([]))).toBe('a: expected 1, got nothing');
    expect(difference(breakdown([]), breakdown([['b', 5]]))).toBe('b: expected nothing, got 5');
  });

  it('compares lists in order and by length', () => {
    expect(difference(ids(['x', 'y']), ids(['y', 'x']))).toBe(
      'row 1 of 2 expected: x, got y (2 rows)',
    );
    expect(difference(ids(['x', 'y']), ids(['x']))).toBe(
      'row 2 of 2 expected: y, got none (1 rows)',
    );
    expect(difference(ids(['x']), ids(['x', 'z']))).toBe(
      'row 2 of 1 expected: none, got z (2 rows)',
    );
  });
});

describe('agreement', () => {
  it('holds only when both systems give the reference answer', () => {
    expect(agreement(amount(5), amount(5), amount(5))).toEqual({ agree: true });
    expect(agreement(amount(5), amount(5), amount(6))).toEqual({
      agree: false,
      actual: 'expected 5, got 6',
    });
    // Two systems agreeing with each other but not with the reference is still a disagreement.
    expect(agreement(amount(5), amount(7), amount(7))).toEqual({
      agree: false,
      outlay: 'expected 5, got 7',
      actual: 'expected 5, got 7',
    });
  });
});
