/**
 * Editing a row of the transactions table in place: what a row lets you change there, the draft
 * its fields start from, and the patch for `transactions.update` — only the fields that changed,
 * so an untouched Save writes nothing and the change set says exactly what moved.
 *
 * A line of a split transaction is not edited in place (its amount is tied to its siblings' sum:
 * the drawer shows them all); a transfer keeps its direction and has no category (it counts as
 * neither spend nor income), so only its date, payee and amount are offered.
 */
import { amountInputValue, parseAmount } from '@outlay/client';
import type { Transaction, TransactionPatch } from '@outlay/contracts';
import { changedFields } from './changed-fields.ts';

export type InlineMode = 'whole' | 'transfer' | 'split-line';

export function inlineMode(row: Pick<Transaction, 'lineNo' | 'transfer'>): InlineMode {
  if (row.lineNo !== null) return 'split-line';
  return row.transfer ? 'transfer' : 'whole';
}

export interface InlineDraft {
  date: string;
  payee: string;
  categoryId: string | null;
  /** The magnitude as typed; the direction is `income`. */
  amount: string;
  income: boolean;
}

type Row = Pick<
  Transaction,
  'occurredOn' | 'payee' | 'categoryId' | 'amountMinor' | 'currency' | 'lineNo' | 'transfer'
>;

export function draftFromRow(row: Row, locale: string): InlineDraft {
  return {
    date: row.occurredOn,
    payee: row.payee ?? '',
    categoryId: row.categoryId,
    amount: amountInputValue(Math.abs(row.amountMinor), row.currency, locale),
    income: row.amountMinor > 0,
  };
}

export type InlineErrors = Partial<Record<'date' | 'amount', string>>;

export type InlinePatchResult =
  { ok: true; patch: Partial<TransactionPatch> } | { ok: false; errors: InlineErrors };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The fields that changed, or what is wrong with the draft (checked before anything is sent). */
export function inlinePatch(row: Row, draft: InlineDraft, locale: string): InlinePatchResult {
  const mode = inlineMode(row);
  if (mode === 'split-line') throw new Error('A line of a split is edited in the drawer');
  const errors: InlineErrors = {};
  if (!DATE.test(draft.date)) errors.date = 'Enter a date';
  const parsed = parseAmount(draft.amount, row.currency, locale);
  let amountMinor: number | null = null;
  if (!parsed.ok) errors.amount = parsed.error;
  else if (parsed.minor === 0) errors.amount = 'An amount cannot be zero';
  // A transfer keeps its direction: the other side mirrors the amount with the opposite sign.
  else if (mode === 'transfer') amountMinor = Math.sign(row.amountMinor) * parsed.minor;
  else amountMinor = draft.income ? parsed.minor : -parsed.minor;
  if (errors.date || errors.amount || amountMinor === null) return { ok: false, errors };

  const payee = draft.payee.trim() === '' ? null : draft.payee.trim();
  const next = { occurredOn: draft.date, amountMinor, payee };
  const patch: Partial<TransactionPatch> =
    mode === 'whole'
      ? changedFields(row, { ...next, categoryId: draft.categoryId })
      : changedFields(row, next);
  return { ok: true, patch };
}
