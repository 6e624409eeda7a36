/**
 * A split being edited: lines typed as amounts of the same direction as the transaction (a
 * purchase's lines are all money out), each read exactly with `parseAmount`. The lines must add
 * up to the transaction's amount to the minor unit; `checkSplits` says how far off they are while
 * the person types, and gives the lines to send once they add up.
 */
import { parseAmount } from '@outlay/client';
import { MAX_SPLIT_LINES, type SplitLineInput } from '@outlay/contracts';

export interface SplitDraft {
  /** A stable React key for the line. */
  key: string;
  categoryId: string | null;
  /** The amount as typed: a magnitude; the line takes the transaction's sign. */
  amount: string;
  memo: string;
}

export interface SplitCheck {
  /** The lines to send, when they add up and each is valid; else null. */
  lines: SplitLineInput[] | null;
  /** Σ of the lines that parse, signed like the transaction. */
  allocatedMinor: number;
  /** What is left to allocate (signed like the transaction): 0 when they add up. */
  remainderMinor: number;
  /** Per line: what is wrong with its amount, or null. */
  lineErrors: (string | null)[];
  /** What stops the split from being saved, in words; null when it can be. */
  error: string | null;
}

export function checkSplits(
  drafts: readonly SplitDraft[],
  totalMinor: number,
  currency: string,
  locale: string,
): SplitCheck {
  const sign = totalMinor < 0 ? -1 : 1;
  let allocated = 0;
  const lines: SplitLineInput[] = [];
  const lineErrors = drafts.map((draft) => {
    const parsed = parseAmount(draft.amount, currency, locale);
    if (!parsed.ok) return parsed.error;
    if (parsed.minor === 0) return 'A line cannot be zero';
    allocated += sign * parsed.minor;
    const memo = draft.memo.trim();
    lines.push({
      categoryId: draft.categoryId,
      amountMinor: sign * parsed.minor,
      ...(memo ? { memo } : {}),
    });
    return null;
  });
  const remainder = totalMinor - allocated;
  let error: string | null = null;
  if (drafts.length < 2) error = 'A split has at least two lines';
  else if (drafts.length > MAX_SPLIT_LINES) error = `A split has at most ${MAX_SPLIT_LINES} lines`;
  else if (lineErrors.some((e) => e !== null)) error = 'Each line needs an amount';
  else if (remainder !== 0) error = 'The lines must add up to the amount';
  return {
    lines: error === null ? lines : null,
    allocatedMinor: allocated,
    remainderMinor: remainder,
    lineErrors,
    error,
  };
}

/**
 * Two lines that start a split of `totalMinor`: the whole amount on the first (with the
 * transaction's category) and an empty second line to type into.
 */
export function startSplit(
  totalMinor: number,
  categoryId: string | null,
  format: (minor: number) => string,
  newKey: () => string,
): SplitDraft[] {
  return [
    { key: newKey(), categoryId, amount: format(Math.abs(totalMinor)), memo: '' },
    { key: newKey(), categoryId: null, amount: '', memo: '' },
  ];
}

/** Lines as they come from the server, as drafts (magnitudes in the field's format). */
export function draftsFromLines(
  lines: readonly { categoryId: string | null; amountMinor: number; memo: string | null }[],
  format: (minor: number) => string,
  newKey: () => string,
): SplitDraft[] {
  return lines.map((line) => ({
    key: newKey(),
    categoryId: line.categoryId,
    amount: format(Math.abs(line.amountMinor)),
    memo: line.memo ?? '',
  }));
}
