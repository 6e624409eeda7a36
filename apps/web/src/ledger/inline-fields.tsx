/**
 * The fields of a row being edited in place, one node per column (date, payee, category,
 * amount, actions) — or all of them in one cell on a phone, where the table has no room for
 * fields side by side. Labels are for screen readers where the column header says it already.
 */
import type { Category, Transaction } from '@outlay/contracts';
import type { ReactNode } from 'react';
import { FormError } from '../components/form-error.tsx';
import { inlineMode } from '../lib/inline-edit.ts';
import { AmountField, DateField } from './amount-field.tsx';
import { PayeeField } from '../components/contract-text-fields.tsx';
import type { InlineEdit } from './inline-edit.tsx';
import { CategorySelect } from './pickers.tsx';

export interface InlineFieldNodes {
  date: ReactNode;
  payee: ReactNode;
  category: ReactNode;
  amount: ReactNode;
  actions: ReactNode;
}

export function inlineFields({
  row,
  inline,
  categories,
  labelsShown,
}: {
  row: Transaction;
  inline: InlineEdit;
  categories: readonly Category[] | undefined;
  /** Visible labels (the phone's one-cell form); else for screen readers only. */
  labelsShown: boolean;
}): InlineFieldNodes {
  const draft = inline.draft!;
  const transfer = row.transfer;
  const labelClassName = labelsShown ? undefined : 'visually-hidden';
  return {
    date: (
      <DateField
        id="inline-date"
        labelClassName={labelClassName}
        value={draft.date}
        onChange={(date) => inline.change({ date })}
        error={inline.errors.date}
      />
    ),
    payee: (
      <div className="inline-payee">
        <PayeeField
          id="inline-payee"
          labelClassName={labelClassName}
          value={draft.payee}
          onChange={(payee) => inline.change({ payee })}
        />
        {transfer && (
          <p className="inline-note">
            A transfer with {transfer.otherAccountName}: date, payee and amount change here, and the
            other side follows. Its direction and account are in the drawer.
          </p>
        )}
        {inline.refusal && <FormError>{inline.refusal}</FormError>}
      </div>
    ),
    category:
      inlineMode(row) === 'transfer' ? (
        <span className="muted small">A transfer has no category</span>
      ) : (
        <CategorySelect
          id="inline-category"
          categories={categories}
          value={draft.categoryId}
          onChange={(categoryId) => inline.change({ categoryId })}
          {...(labelsShown ? { label: 'Category' } : { 'aria-label': 'Category' })}
        />
      ),
    amount: (
      <AmountField
        id="inline-amount"
        labelClassName={labelClassName}
        value={draft.amount}
        onChange={(amount) => inline.change({ amount })}
        income={transfer ? null : draft.income}
        onIncomeChange={(income) => inline.change({ income })}
        label={transfer ? 'Amount moved' : undefined}
        error={inline.errors.amount}
      />
    ),
    actions: (
      <span className="inline-actions">
        <button
          type="button"
          className="button small"
          disabled={inline.saving}
          onClick={() => void inline.save()}
          data-inline-save
        >
          {inline.saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button ghost small" onClick={inline.cancel}>
          Cancel
        </button>
      </span>
    ),
  };
}
