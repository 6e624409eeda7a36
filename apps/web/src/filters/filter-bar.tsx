/**
 * The filters every view shares: date range (presets or custom), categories, amount bounds and
 * text search, each in a file of its own here, and the export of what they select (Export CSV).
 * Each control writes the URL; typing is committed after a pause (`useDebouncedCommit`) and
 * replaces the history entry, discrete choices push one, so Back steps through what the person
 * chose.
 */
import type { Category, TransactionFilter } from '@outlay/contracts';
import { useId, useState } from 'react';
import { PRESET_LABELS } from '../lib/preset-labels.ts';
import { defaultViewState, isDefaultView, withFilter, type ViewState } from '../lib/view-state.ts';
import { AmountRange } from './amount-range.tsx';
import { CategoryPicker } from './category-picker.tsx';
import { DateRangeControl } from './date-range-control.tsx';
import { ExportButton } from './export-button.tsx';
import { SearchField } from './search-field.tsx';
import './filters.css';

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
        <AmountRange filter={state.filter} onChange={(filter) => setFilter(filter, true)} />
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
          <ExportButton filter={state.filter} today={today} />
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
