/**
 * The filters every view shares: date range (presets or custom), categories, amount bounds and
 * text search. Each control writes the URL; typing is debounced and replaces the history entry,
 * discrete choices push one, so Back steps through what the person chose.
 */
import type { Category, TransactionFilter } from '@outlay/contracts';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { DATE_PRESETS, presetRange, type DatePreset } from '@outlay/contracts';
import { PRESET_LABELS } from '../lib/preset-labels.ts';
import { useFormatters } from '../lib/formatters-context.tsx';
import { amountInputValue, parseAmount } from '../lib/money.ts';
import {
  defaultViewState,
  isDefaultView,
  withFilter,
  withoutDates,
  type ViewState,
} from '../lib/view-state.ts';
import { CategoryPicker } from './category-picker.tsx';

interface FilterBarProps {
  state: ViewState;
  update: (next: ViewState, options?: { replace?: boolean }) => void;
  today: string;
  categories: Category[] | undefined;
  /** The transactions view also filters by kind (spend, income, all). */
  showKind?: boolean;
}

export function FilterBar({ state, update, today, categories, showKind = false }: FilterBarProps) {
  const setFilter = (filter: TransactionFilter, replace = false) =>
    update(withFilter(state, filter), { replace });
  // On a phone the filters fold away behind one button; wider screens always show them.
  const [open, setOpen] = useState(
    () => typeof matchMedia === 'undefined' || matchMedia('(min-width: 720px)').matches,
  );
  const panelId = useId();
  const { filter } = state;
  const active =
    (filter.categoryIds?.length || filter.includeUncategorized ? 1 : 0) +
    (filter.minAmount !== undefined || filter.maxAmount !== undefined ? 1 : 0) +
    (filter.search ? 1 : 0) +
    (filter.kind && filter.kind !== 'all' ? 1 : 0);
  return (
    <section className="filters-wrap" aria-label="Filters">
      <button
        type="button"
        className="filters-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        <span>Filters</span>
        <span className="muted">
          {state.preset ? PRESET_LABELS[state.preset] : 'Custom range'}
          {active > 0 ? ` · ${active} more` : ''}
        </span>
        <svg viewBox="0 0 12 12" aria-hidden="true" className="chevron">
          <path d="M2.5 4.5 6 8l3.5-3.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
        </svg>
      </button>
      <div className="filters" id={panelId} data-open={open}>
        <DateRangeControl state={state} update={update} today={today} />
        <CategoryPicker
          categories={categories}
          selectedIds={state.filter.categoryIds ?? []}
          includeUncategorized={state.filter.includeUncategorized === true}
          onChange={(categoryIds, includeUncategorized) => {
            const { categoryIds: _c, includeUncategorized: _u, ...rest } = state.filter;
            setFilter({
              ...rest,
              ...(categoryIds.length > 0 ? { categoryIds } : {}),
              ...(includeUncategorized ? { includeUncategorized: true } : {}),
            });
          }}
        />
        <AmountRange state={state} onChange={(filter) => setFilter(filter, true)} />
        <SearchField
          value={state.filter.search ?? ''}
          onChange={(search) => {
            const { search: _s, ...rest } = state.filter;
            setFilter(search ? { ...rest, search } : rest, true);
          }}
        />
        {showKind && (
          <div className="field compact">
            <label htmlFor="filter-kind">Show</label>
            <select
              id="filter-kind"
              value={state.filter.kind ?? 'all'}
              onChange={(event) => {
                const { kind: _k, ...rest } = state.filter;
                const kind = event.target.value as NonNullable<TransactionFilter['kind']>;
                setFilter(kind === 'all' ? rest : { ...rest, kind });
              }}
            >
              <option value="all">Everything</option>
              <option value="spend">Spending</option>
              <option value="income">Income</option>
            </select>
          </div>
        )}
        <div className="filters-end">
          <button
            type="button"
            className="button ghost small"
            disabled={isDefaultView(state)}
            onClick={() =>
              update({
                ...defaultViewState(today),
                granularity: state.granularity,
                sort: state.sort,
              })
            }
          >
            Reset filters
          </button>
        </div>
      </div>
    </section>
  );
}

function DateRangeControl({
  state,
  update,
  today,
}: Pick<FilterBarProps, 'state' | 'update' | 'today'>) {
  const { filter } = state;
  const [fromError, setFromError] = useState<string | null>(null);
  const errorId = useId();

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

  function setDate(which: 'from' | 'to', value: string) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return;
    const next = { ...filter, [which]: value };
    if (next.from && next.to && next.from > next.to) {
      setFromError('The start date must be on or before the end date.');
      return;
    }
    setFromError(null);
    update(withFilter({ ...state, preset: null }, next), { replace: true });
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
        <>
          <div className="field compact">
            <label htmlFor="filter-from">From</label>
            <input
              id="filter-from"
              type="date"
              value={filter.from ?? ''}
              max={filter.to}
              onChange={(event) => setDate('from', event.target.value)}
              aria-describedby={fromError ? errorId : undefined}
            />
          </div>
          <div className="field compact">
            <label htmlFor="filter-to">To</label>
            <input
              id="filter-to"
              type="date"
              value={filter.to ?? ''}
              min={filter.from}
              onChange={(event) => setDate('to', event.target.value)}
              aria-describedby={fromError ? errorId : undefined}
            />
          </div>
          {fromError && (
            <p className="field-error" id={errorId} role="alert">
              {fromError}
            </p>
          )}
        </>
      )}
    </div>
  );
}

function AmountRange({
  state,
  onChange,
}: {
  state: ViewState;
  onChange: (filter: TransactionFilter) => void;
}) {
  const { filter } = state;
  return (
    <fieldset className="amount-range">
      <legend className="visually-hidden">Amount (absolute value)</legend>
      <AmountField
        label="Min"
        value={filter.minAmount}
        onCommit={(minAmount) => {
          const { minAmount: _m, ...rest } = filter;
          if (
            minAmount !== undefined &&
            filter.maxAmount !== undefined &&
            minAmount > filter.maxAmount
          ) {
            return 'Min can’t be more than max';
          }
          onChange(minAmount === undefined ? rest : { ...rest, minAmount });
          return null;
        }}
      />
      <AmountField
        label="Max"
        value={filter.maxAmount}
        onCommit={(maxAmount) => {
          const { maxAmount: _m, ...rest } = filter;
          if (
            maxAmount !== undefined &&
            filter.minAmount !== undefined &&
            maxAmount < filter.minAmount
          ) {
            return 'Max can’t be less than min';
          }
          onChange(maxAmount === undefined ? rest : { ...rest, maxAmount });
          return null;
        }}
      />
    </fieldset>
  );
}

const TYPING_DELAY_MS = 500;

/** An amount in major units ("12.50"), committed as exact minor units after a pause or on Enter. */
function AmountField({
  label,
  value,
  onCommit,
}: {
  label: string;
  value: number | undefined;
  onCommit: (minor: number | undefined) => string | null;
}) {
  const format = useFormatters();
  const id = useId();
  const shown = value === undefined ? '' : amountInputValue(value, format.currency, format.locale);
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  // A debounced commit must apply to the filter as it is then, not as it was at the keystroke.
  const latestCommit = useRef(onCommit);
  useLayoutEffect(() => {
    latestCommit.current = onCommit;
  });

  // Follow the URL when it changes from elsewhere (Back, Reset), not while it echoes our input.
  useEffect(() => {
    setText((current) => {
      const parsed = parseAmount(current, format.currency, format.locale);
      const currentValue = current.trim() === '' ? undefined : parsed.ok ? parsed.minor : null;
      return currentValue === value ? current : shown;
    });
    setError(null);
  }, [value, shown, format]);

  useEffect(() => () => clearTimeout(timer.current), []);

  function commit(next: string) {
    clearTimeout(timer.current);
    if (next.trim() === '') {
      setError(value === undefined ? null : latestCommit.current(undefined));
      return;
    }
    const parsed = parseAmount(next, format.currency, format.locale);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    if (parsed.minor !== value) setError(latestCommit.current(parsed.minor));
    else setError(null);
  }

  const currencySymbol =
    new Intl.NumberFormat(format.locale, { style: 'currency', currency: format.currency })
      .formatToParts(0)
      .find((part) => part.type === 'currency')?.value ?? format.currency;

  return (
    <div className="field compact amount-field">
      <label htmlFor={id}>
        {label} amount <span className="visually-hidden">in {format.currency}</span>
      </label>
      <div className="input-affix">
        <span aria-hidden="true">{currencySymbol}</span>
        <input
          id={id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          placeholder={label === 'Min' ? '0' : 'Any'}
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => {
            const next = event.target.value;
            setText(next);
            clearTimeout(timer.current);
            timer.current = setTimeout(() => commit(next), TYPING_DELAY_MS);
          }}
          onBlur={() => commit(text)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commit(text);
          }}
        />
      </div>
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

const SEARCH_DELAY_MS = 300;

function SearchField({ value, onChange }: { value: string; onChange: (search: string) => void }) {
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latestChange = useRef(onChange);
  useLayoutEffect(() => {
    latestChange.current = onChange;
  });

  useEffect(() => {
    setText((current) => (current.trim() === value ? current : value));
  }, [value]);
  useEffect(() => () => clearTimeout(timer.current), []);

  function commit(next: string) {
    clearTimeout(timer.current);
    const trimmed = next.trim().slice(0, 200);
    if (trimmed !== value) latestChange.current(trimmed);
  }

  return (
    <div className="field compact search-field">
      <label htmlFor="filter-search">Search</label>
      <input
        id="filter-search"
        type="search"
        placeholder="Payee or description"
        autoComplete="off"
        value={text}
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => commit(next), SEARCH_DELAY_MS);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit(text);
        }}
      />
    </div>
  );
}
