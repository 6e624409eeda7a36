/**
 * "Go to date" for the transactions list: the list starts at the day typed or picked, however
 * far back, in one request (`transactions.list` with `startAt`), and pages on from there. Like
 * the range's dates, a typed date is committed after a pause, on Enter or on leaving the field,
 * and only when it is a whole date inside Outlay's date domain.
 */
import { MAX_DATE, MIN_DATE } from '@outlay/contracts';
import { useState } from 'react';
import { DateField } from '../ledger/amount-field.tsx';
import { dateProblem } from '../lib/date-range.ts';
import { useFormatters } from '../lib/formatters-context.tsx';
import { useDebouncedCommit } from '../lib/use-debounced-commit.ts';
import { TYPING_DELAY_MS } from './date-range-control.tsx';

interface Props {
  /** The day the list starts at, or null for its first row. */
  startAt: string | null;
  onChange: (startAt: string | null) => void;
  /** The filter's range, which bounds what the picker offers. */
  from?: string;
  to?: string;
}

export function GoToDate({ startAt, onChange, from, to }: Props) {
  const format = useFormatters();
  const [problem, setProblem] = useState<string | null>(null);
  const field = useDebouncedCommit({
    value: startAt ?? '',
    delayMs: TYPING_DELAY_MS,
    onCommit: (text) => {
      if (text === '') {
        setProblem(null);
        if (startAt !== null) onChange(null);
        return;
      }
      const refused = dateProblem(text, format);
      setProblem(refused);
      if (!refused && text !== startAt) onChange(text);
    },
  });
  return (
    <DateField
      id="go-to-date"
      label="Go to date"
      min={from ?? MIN_DATE}
      max={to ?? MAX_DATE}
      fieldClassName="compact go-to-date"
      error={problem && field.text !== (startAt ?? '') ? problem : undefined}
      announceError
      {...field.fieldProps}
    />
  );
}
