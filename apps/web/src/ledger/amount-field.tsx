/**
 * The amount of a transaction as a person types it: a magnitude, with its direction beside it —
 * money out unless switched, by the sign button or by typing + or − in the field (the hands stay
 * on the keyboard). Quick entry and the edit drawer both use it. Beside it, the two fields it
 * is built from and every form uses: an amount without a direction, and a date.
 */
import type { Ref } from 'react';
import { MAX_DATE, MIN_DATE } from '@outlay/contracts';
import { TextField, type TextFieldProps } from '../components/text-field.tsx';

export function AmountField({
  id,
  value,
  onChange,
  income,
  onIncomeChange,
  error,
  ref,
  label,
  labelClassName,
}: {
  /** `visually-hidden` where the place says what the field is (a table column). */
  labelClassName?: string;
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** Null for an amount without a direction (a transfer's amount moved). */
  income: boolean | null;
  onIncomeChange: (income: boolean) => void;
  /** Instead of "Amount (money out)" / "(money in)". */
  label?: string;
  error?: string;
  ref?: Ref<HTMLInputElement>;
}) {
  return (
    <MoneyField
      ref={ref}
      id={id}
      label={label ?? (income ? 'Amount (money in)' : 'Amount (money out)')}
      labelClassName={labelClassName}
      value={value}
      onChange={onChange}
      onKeyDown={(event) => {
        if (income !== null && (event.key === '+' || event.key === '-')) {
          event.preventDefault();
          onIncomeChange(event.key === '+');
        }
      }}
      error={error}
      prefix={
        income !== null && (
          <button
            type="button"
            className={income ? 'sign-toggle in' : 'sign-toggle'}
            onClick={() => onIncomeChange(!income)}
            aria-label={income ? 'Money in; switch to money out' : 'Money out; switch to money in'}
            title="Type + or − in the amount to switch"
          >
            {income ? '+' : '−'}
          </button>
        )
      }
    />
  );
}

/**
 * An amount without a direction (a budget, an opening balance, a filter's bound), as a person
 * writes it: the keyboard with a decimal separator, and no autofill of other sites' numbers.
 */
export function MoneyField(field: TextFieldProps) {
  return <TextField inputMode="decimal" autoComplete="off" {...field} />;
}

/** A calendar date inside the date domain (1900–2100), as the browser's date picker. */
export function DateField({
  label = 'Date',
  ...field
}: Omit<TextFieldProps, 'label' | 'type'> & { label?: TextFieldProps['label'] }) {
  return <TextField label={label} type="date" min={MIN_DATE} max={MAX_DATE} {...field} />;
}
