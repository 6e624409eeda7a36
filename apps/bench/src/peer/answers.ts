/**
 * Answers in one shape, whichever system gave them, so they can be compared: a spend amount, a
 * breakdown (category or month → spend), or an ordered list of transaction ids. Spend is positive
 * for money out, in minor units; a refund lowers it (DESIGN §3), and transfers are not spend.
 */

/** The name both systems' breakdowns give rows without a category. */
export const UNCATEGORIZED = 'Uncategorized';

export type Answer =
  | { kind: 'amount'; minor: number }
  /** Sorted by key; keys with zero spend are left out (Outlay zero-fills months, Actual does not). */
  | { kind: 'breakdown'; entries: readonly (readonly [key: string, minor: number])[] }
  | { kind: 'ids'; ids: readonly string[] };

export function amount(minor: number): Answer {
  return { kind: 'amount', minor };
}

/** A breakdown from (key, spend) pairs in any order; pairs of one key add up. */
export function breakdown(pairs: Iterable<readonly [string, number]>): Answer {
  const sums = new Map<string, number>();
  for (const [key, minor] of pairs) sums.set(key, (sums.get(key) ?? 0) + minor);
  const entries = [...sums]
    .filter(([, minor]) => minor !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { kind: 'breakdown', entries };
}

export function ids(list: Iterable<string>): Answer {
  return { kind: 'ids', ids: [...list] };
}

/** `null` when the two answers are the same; else the first difference, in words. */
export function difference(expected: Answer, got: Answer): string | null {
  if (expected.kind !== got.kind) return `expected ${expected.kind}, got ${got.kind}`;
  switch (expected.kind) {
    case 'amount': {
      const other = (got as typeof expected).minor;
      return expected.minor === other ? null : `expected ${expected.minor}, got ${other}`;
    }
    case 'breakdown': {
      const other = new Map((got as typeof expected).entries);
      const mine = new Map(expected.entries);
      for (const [key, minor] of mine) {
        if (other.get(key) !== minor)
          return `${key}: expected ${minor}, got ${other.get(key) ?? 'nothing'}`;
      }
      for (const [key, minor] of other) {
        if (!mine.has(key)) return `${key}: expected nothing, got ${minor}`;
      }
      return null;
    }
    case 'ids': {
      const other = (got as typeof expected).ids;
      const length = Math.max(expected.ids.length, other.length);
      for (let i = 0; i < length; i++) {
        if (expected.ids[i] !== other[i]) {
          return (
            `row ${i + 1} of ${expected.ids.length} expected: ${expected.ids[i] ?? 'none'}, ` +
            `got ${other[i] ?? 'none'} (${other.length} rows)`
          );
        }
      }
      return null;
    }
  }
}

export interface Agreement {
  agree: boolean;
  /** What differed from the reference, per system. */
  outlay?: string;
  actual?: string;
}

/** Both systems against the plain reference: they agree when each gives the reference's answer. */
export function agreement(reference: Answer, outlay: Answer, actual: Answer): Agreement {
  const outlayDiff = difference(reference, outlay);
  const actualDiff = difference(reference, actual);
  return {
    agree: outlayDiff === null && actualDiff === null,
    ...(outlayDiff === null ? {} : { outlay: outlayDiff }),
    ...(actualDiff === null ? {} : { actual: actualDiff }),
  };
}
