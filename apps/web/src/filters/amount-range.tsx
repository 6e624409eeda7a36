/**
 * Bounds on the absolute amount, typed in major units ("12.50") and committed as exact minor
 * units after a pause, on Enter or on leaving the field. A bound the other one contradicts is
 * refused in place and not sent.
 */
import type { TransactionFilter } from '@outlay/contracts';
import { useEffect, useState } from 'react';
import { MoneyField } from '../ledger/amount-field.tsx';
import { useFormatters } from '../lib/formatters-context.tsx';
import { amountInputValue, parseAmount } from '@outlay/client';
import { useDebouncedCommit } from '../lib/use-debounced-commit.ts';

const TYPING_DELAY_MS = 500;

export function AmountRange({
  filter,
  onChange,
}: {
  filter: TransactionFilter;
  onChange: (filter: TransactionFilter) => void;
}) {
  /** Sets one bound, or says why not (the other bound contradicts it). */
  const setBound = (bound: 'minAmount' | 'maxAmount', minor: number | undefined) => {
    const { [bound]: _old, ...rest } = filter;
    const min = bound === 'minAmount' ? minor : filter.minAmount;
    const max = bound === 'maxAmount' ? minor : filter.maxAmount;
    if (min !== undefined && max !== undefined && min > max) {
      return bound === 'minAmount' ? 'Min can’t be more than max' : 'Max can’t be less than min';
    }
    onChange(minor === undefined ? rest : { ...rest, [bound]: minor });
    return null;
  };
  return (
    <fieldset className="amount-range">
      <legend className="visually-hidden">Amount (absolute value)</legend>
      <AmountField
        label="Min"
        value={filter.minAmount}
        onCommit={(minor) => setBound('minAmount', minor)}
      />
      <AmountField
        label="Max"
        value={filter.maxAmount}
        onCommit={(minor) => setBound('maxAmount', minor)}
      />
    </fieldset>
  );
}

function AmountField({
  label,
  value,
  onCommit,
}: {
  label: 'Min' | 'Max';
  value: number | undefined;
  /** Applies a bound; returns why it was refused, or null. */
  onCommit: (minor: number | undefined) => string | null;
}) {
  const format = useFormatters();
  const id = `filter-${label.toLowerCase()}-amount`;
  const shown = value === undefined ? '' : amountInputValue(value, format.currency, format.locale);
  const [error, setError] = useState<string | null>(null);
  const minorOf = (text: string) => {
    if (text.trim() === '') return undefined;
    const parsed = parseAmount(text, format.currency, format.locale);
    return parsed.ok ? parsed.minor : null;
  };
  const { fieldProps } = useDebouncedCommit({
    value: shown,
    delayMs: TYPING_DELAY_MS,
    // "12.5" already says 12.50: the URL's echo of a commit does not rewrite what was typed.
    same: (text) => minorOf(text) === value,
    onCommit: (text) => {
      if (text.trim() === '') {
        setError(value === undefined ? null : onCommit(undefined));
        return;
      }
      const parsed = parseAmount(text, format.currency, format.locale);
      if (!parsed.ok) setError(parsed.error);
      else setError(parsed.minor === value ? null : onCommit(parsed.minor));
    },
  });
  // A value set from elsewhere (Back, Reset) replaces whatever was wrong with the typed one.
  useEffect(() => setError(null), [value]);

  const currencySymbol =
    new Intl.NumberFormat(format.locale, { style: 'currency', currency: format.currency })
      .formatToParts(0)
      .find((part) => part.type === 'currency')?.value ?? format.currency;

  return (
    <MoneyField
      id={id}
      label={
        <>
          {label} amount <span className="visually-hidden">in {format.currency}</span>
        </>
      }
      placeholder={label === 'Min' ? '0' : 'Any'}
      fieldClassName="compact amount-field"
      prefix={<span aria-hidden="true">{currencySymbol}</span>}
      error={error}
      announceError
      {...fieldProps}
    />
  );
}
