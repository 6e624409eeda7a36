/**
 * The date range: a preset, or a custom range typed or picked in two date fields. A typed date
 * is committed after a pause, on Enter or on leaving the field, and only when it is a whole date
 * inside Outlay's date domain (1900–2100): while a year is half typed ("0202" on the way to
 * "2026") nothing is sent. What is refused is said next to the fields, and the order check is
 * worked out from what the fields show, so it goes away as soon as the dates are in order.
 */
import {
  DATE_PRESETS,
  presetRange,
  type DatePreset,
  type TransactionFilter,
} from '@outlay/contracts';
import { useId, useState } from 'react';
import { FieldError } from '../components/form-error.tsx';
import { DateField } from '../ledger/amount-field.tsx';
import { dateProblem, rangeMessages, rangeProblem } from '../lib/date-range.ts';
import { useFormatters } from '../lib/formatters-context.tsx';
import { PRESET_LABELS } from '../lib/preset-labels.ts';
import { useDebouncedCommit } from '../lib/use-debounced-commit.ts';
import { withFilter, withoutDates, type ViewState } from '../lib/view-state.ts';

/** How long a date field waits after the last keystroke before it commits. */
export const TYPING_DELAY_MS = 600;

interface Props {
  state: ViewState;
  update: (next: ViewState, options?: { replace?: boolean }) => void;
  today: string;
}

export function DateRangeControl({ state, update, today }: Props) {
  const { filter } = state;

  function choose(value: string) {
    if (value === 'custom') {
      // Start the custom range from what is showing, so nothing jumps.
      const current =
        state.preset === 'all-time' || !filter.from ? presetRange('last-30-days', today) : filter;
      update(
        withFilter(
          { ...state, preset: null },
          { ...withoutDates(filter), from: current.from, to: current.to ?? today },
        ),
      );
      return;
    }
    const preset = value as DatePreset;
    update(
      withFilter({ ...state, preset }, { ...withoutDates(filter), ...presetRange(preset, today) }),
    );
  }

  return (
    <div className="date-range">
      <div className="field compact">
        <label htmlFor="filter-range">Date range</label>
        <select
          id="filter-range"
          value={state.preset ?? 'custom'}
          onChange={(event) => choose(event.target.value)}
        >
          {DATE_PRESETS.map((preset) => (
            <option key={preset} value={preset}>
              {PRESET_LABELS[preset]}
            </option>
          ))}
          <option value="custom">Custom range</option>
        </select>
      </div>
      {state.preset === null && (
        <CustomDates
          filter={filter}
          onCommit={(dates) =>
            update(withFilter({ ...state, preset: null }, { ...filter, ...dates }), {
              replace: true,
            })
          }
        />
      )}
    </div>
  );
}

type Which = 'from' | 'to';

function CustomDates({
  filter,
  onCommit,
}: {
  filter: TransactionFilter;
  onCommit: (dates: { from?: string; to?: string }) => void;
}) {
  const format = useFormatters();
  const errorId = useId();
  const [problems, setProblems] = useState<Record<Which, string | null>>({ from: null, to: null });
  // Both fields commit through one function, so a valid date waiting in the other field (held
  // back while the order was wrong) goes out with it.
  const drafts: Record<Which, () => string> = { from: () => from.text, to: () => to.text };

  function commit(which: Which, text: string) {
    const problem = dateProblem(text, format);
    setProblems((current) => ({ ...current, [which]: problem }));
    if (problem) return;
    const other: Which = which === 'from' ? 'to' : 'from';
    const otherText = drafts[other]();
    const dates = {
      [which]: text,
      [other]: dateProblem(otherText, format) === null ? otherText : filter[other],
    };
    if (dates.from && dates.to && dates.from > dates.to) return;
    if (dates.from !== filter.from || dates.to !== filter.to) onCommit(dates);
  }

  const from = useDebouncedCommit({
    value: filter.from ?? '',
    delayMs: TYPING_DELAY_MS,
    onCommit: (text) => commit('from', text),
  });
  const to = useDebouncedCommit({
    value: filter.to ?? '',
    delayMs: TYPING_DELAY_MS,
    onCommit: (text) => commit('to', text),
  });
  // Worked out from what the fields show: in order again, the message goes.
  const outOfOrder = rangeProblem(from.text, to.text);
  const fieldProblem = (which: Which) => {
    const shown = which === 'from' ? from.text : to.text;
    const problem = problems[which];
    // A problem is stale once the field shows the committed date again.
    return problem && shown !== (filter[which] ?? '') ? problem : null;
  };
  const messages = rangeMessages({
    from: fieldProblem('from'),
    to: fieldProblem('to'),
    range: outOfOrder,
  });

  return (
    <>
      {(['from', 'to'] as const).map((which) => (
        <DateField
          key={which}
          id={`filter-${which}`}
          label={which === 'from' ? 'From' : 'To'}
          fieldClassName="compact"
          invalid={Boolean(fieldProblem(which) ?? outOfOrder)}
          aria-describedby={messages.length > 0 ? errorId : undefined}
          {...(which === 'from' ? from.fieldProps : to.fieldProps)}
        />
      ))}
      {messages.length > 0 && (
        <div className="date-range-errors">
          <FieldError id={errorId} announce>
            {messages.join(' ')}
          </FieldError>
        </div>
      )}
    </>
  );
}
