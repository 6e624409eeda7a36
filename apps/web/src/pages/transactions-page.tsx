/**
 * The transactions behind a number: the same filter as the dashboard (from the URL), their total
 * from metrics.summary (so a drill-down visibly shows the figure that was clicked), and the rows
 * themselves with keyset pagination ("Load more") and sorting by date or amount. Rows are
 * editable: in place (a row's Edit button, `e` on a row, or a double-click turns its date, payee,
 * category and amount into fields), or in the edit drawer by its payee (every field, and splits);
 * checkboxes (shift-click for a range, "select all matching" through `transactions.ids`) feed the
 * bulk action bar.
 */
import type { Category, MetricsSummary, Transaction } from '@outlay/contracts';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'wouter';
import { DataTable, type Column } from '../components/data-table.tsx';
import { FilterBar } from '../filters/filter-bar.tsx';
import { EmptyAccount } from '../components/empty-account.tsx';
import { FormError } from '../components/form-error.tsx';
import { LoadMore } from '../components/load-more.tsx';
import { QueryError } from '../components/query-error.tsx';
import { Page } from '../components/page.tsx';
import { ViewHeading } from '../components/view-heading.tsx';
import { GoToDate } from '../filters/go-to-date.tsx';
import { BulkBar } from '../ledger/bulk-bar.tsx';
import { useInlineEdit, type InlineEdit } from '../ledger/inline-edit.tsx';
import { inlineFields, type InlineFieldNodes } from '../ledger/inline-fields.tsx';
import { usePickerLists } from '../ledger/pickers.tsx';
import { TransactionDrawer } from '../ledger/transaction-drawer.tsx';
import { apiError, generalErrorMessage } from '../lib/api-errors.ts';
import { inlineMode } from '../lib/inline-edit.ts';
import { distinctIds, selectRows } from '../lib/selection.ts';
import type { Formatters } from '../lib/format.ts';
import { useFormatters } from '../lib/formatters-context.tsx';
import { monthlyAverage } from '../lib/monthly-average.ts';
import { transactionListQuery } from '../lib/transaction-list-query.ts';
import { isUnauthorized, useTRPC, useTRPCClient } from '../lib/trpc.ts';
import { useEmptyAccount } from '../lib/use-empty-account.ts';
import { useMediaQuery } from '../lib/use-media-query.ts';
import { useStaleCategoryCheck } from '../lib/use-stale-categories.ts';
import { useViewState } from '../lib/use-view-state.ts';
import {
  dashboardSearch,
  defaultViewState,
  viewSearch,
  type FocusMetric,
  type SortChoice,
  type ViewState,
} from '../lib/view-state.ts';
import './transactions-page.css';

const PAGE_SIZE = 50;
const keep = { placeholderData: keepPreviousData };

export default function TransactionsPage() {
  const { state, update, today } = useViewState();
  const format = useFormatters();
  const { filter } = state;
  const [field, direction] = state.sort.split('-') as ['date' | 'amount', 'asc' | 'desc'];

  const trpc = useTRPC();
  const client = useTRPCClient();
  const categories = useQuery(
    trpc.categories.list.queryOptions(undefined, { staleTime: 5 * 60_000 }),
  );
  const summary = useQuery(trpc.metrics.summary.queryOptions({ filter }, keep));
  const list = useInfiniteQuery(
    transactionListQuery(trpc, client, {
      filter,
      limit: PAGE_SIZE,
      sort: { field, direction },
      ...(field === 'date' && state.startAt ? { startAt: state.startAt } : {}),
    }),
  );
  const account = useEmptyAccount(summary);
  useStaleCategoryCheck(state, update, categories.data);

  useEffect(() => {
    document.title = 'Transactions · Outlay';
  }, []);

  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const jumped = field === 'date' ? state.startAt : null;
  const categoryById = useMemo(
    () => new Map((categories.data ?? []).map((c) => [c.id, c])),
    [categories.data],
  );
  const shownIds = useMemo(() => distinctIds(rows), [rows]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const anchor = useRef<string | null>(null);
  // "Select all matching": every id behind the filter, from the server (up to 10,000).
  const [allMatching, setAllMatching] = useState<{ count: number; truncated: boolean } | null>(
    null,
  );
  const [selectAllError, setSelectAllError] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const inline = useInlineEdit({ openDrawer: setEditing });
  const viewKey = viewSearch(state);
  // A new filter is a new set of rows: what was selected under the old one is let go.
  useEffect(() => {
    setSelected(new Set());
    setAllMatching(null);
    anchor.current = null;
  }, [viewKey]);
  const clearSelection = () => {
    setSelected(new Set());
    setAllMatching(null);
    setSelectAllError('');
    anchor.current = null;
  };
  async function selectAllMatching() {
    setSelectAllError('');
    try {
      const result = await client.transactions.ids.query({ filter });
      setSelected(new Set(result.ids));
      setAllMatching({ count: result.ids.length, truncated: result.truncated });
    } catch (error) {
      setSelectAllError(generalErrorMessage(apiError(error), 'Couldn’t select them. Try again.'));
    }
  }
  const allShownSelected = shownIds.length > 0 && shownIds.every((id) => selected.has(id));
  const updating = summary.isPlaceholderData || (list.isPlaceholderData && list.isFetching);
  const ready =
    summary.isSuccess &&
    list.isSuccess &&
    !updating &&
    !list.isFetching &&
    (account.query === null || account.query.isSuccess);

  if (account.empty) {
    return (
      <Page ready={ready} view={viewSearch(state)} title="Transactions">
        <EmptyAccount>
          Once there are, they are listed here, newest first, with their totals, and every figure on
          the dashboard opens the ones behind it.
        </EmptyAccount>
      </Page>
    );
  }

  return (
    <Page
      ready={ready}
      view={viewSearch(state)}
      heading={<ViewHeading title="Transactions" state={state} updating={updating} />}
    >
      <FilterBar
        state={state}
        update={update}
        today={today}
        categories={categories.data}
        showKind
      />
      <p className="filter-description">
        {describeFilter(state, categoryById)}{' '}
        <Link href={`/${dashboardSearch(state)}`}>Back to the dashboard</Link>
      </p>
      {summary.isError && (
        <QueryError error={summary.error} onRetry={() => void summary.refetch()} />
      )}
      <Totals
        summary={summary.data}
        focus={state.focus}
        kind={filter.kind ?? 'all'}
        busy={updating}
        format={format}
      />
      <section
        className="panel table-panel"
        aria-labelledby="rows-title"
        aria-busy={list.isFetching}
      >
        <header className="panel-header">
          <div className="rows-heading">
            <h2 id="rows-title">Rows</h2>
            {field === 'date' && (
              <GoToDate
                startAt={state.startAt}
                onChange={(startAt) => update({ ...state, startAt })}
                from={filter.from}
                to={filter.to}
              />
            )}
          </div>
          {summary.data && list.data && (
            <p className="muted small" aria-live="polite">
              {jumped ? (
                <>
                  Showing {format.count(rows.length)} from {format.date(jumped)}{' '}
                  {direction === 'desc' ? 'back' : 'on'}, of{' '}
                  {format.count(summary.data.transactionCount)}.{' '}
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => update({ ...state, startAt: null })}
                  >
                    Back to the {direction === 'desc' ? 'newest' : 'oldest'}
                  </button>
                </>
              ) : (
                <>
                  Showing {format.count(rows.length)} of{' '}
                  {format.count(summary.data.transactionCount)}
                </>
              )}
            </p>
          )}
        </header>
        {list.isError && !list.data && !isUnauthorized(list.error) ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            {selected.size > 0 && <BulkBar ids={[...selected]} onDone={clearSelection} />}
            {allShownSelected && (list.hasNextPage || allMatching) && (
              <p className="select-all-note" data-select-all>
                {allMatching ? (
                  <>
                    All {format.countOf(allMatching.count, 'transaction')} matching the filter are
                    selected
                    {allMatching.truncated && ' (the most one change can take; more match)'}.{' '}
                    <button type="button" className="link-button" onClick={clearSelection}>
                      Clear selection
                    </button>
                  </>
                ) : (
                  <>
                    All {format.countOf(shownIds.length, 'transaction')} shown are selected.{' '}
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => void selectAllMatching()}
                    >
                      Select all matching the filter
                    </button>
                  </>
                )}
                {selectAllError && <FormError>{selectAllError}</FormError>}
              </p>
            )}
            <TransactionTable
              rows={rows}
              selected={selected}
              allShownSelected={allShownSelected}
              onSelectShown={(checked) => {
                setAllMatching(null);
                setSelected(checked ? new Set([...selected, ...shownIds]) : new Set());
              }}
              onSelect={(id, checked, shift) => {
                setAllMatching(null);
                setSelected(
                  selectRows(selected, shownIds, id, { checked, shift, anchor: anchor.current }),
                );
                anchor.current = id;
              }}
              onEdit={setEditing}
              inline={inline}
              loading={list.isPending}
              sort={state.sort}
              onSort={(sort) =>
                update({ ...state, sort, startAt: sort.startsWith('date-') ? state.startAt : null })
              }
              categoryById={categoryById}
              format={format}
              dimmed={list.isPlaceholderData}
            />
          </>
        )}
        {editing && <TransactionDrawer id={editing} onClose={() => setEditing(null)} />}
        {list.isSuccess && rows.length === 0 && !list.isPlaceholderData && (
          <div className="empty">
            <p>No transactions match these filters.</p>
            <button
              type="button"
              className="button small"
              onClick={() => update({ ...defaultViewState(today), granularity: state.granularity })}
            >
              Reset filters
            </button>
          </div>
        )}
        <LoadMore list={list} label={`Load ${PAGE_SIZE} more`} />
      </section>
    </Page>
  );
}

function describeFilter(state: ViewState, categoryById: Map<string, Category>): string {
  const { filter } = state;
  const parts: string[] = [];
  parts.push(
    filter.kind === 'spend' ? 'Spending' : filter.kind === 'income' ? 'Income' : 'All transactions',
  );
  const names = (filter.categoryIds ?? []).map((id) => categoryById.get(id)?.name ?? 'a category');
  if (filter.includeUncategorized) names.push('Uncategorized');
  parts.push(
    names.length > 0 ? `in ${new Intl.ListFormat('en').format(names)}` : 'in all categories',
  );
  if (filter.search) parts.push(`matching “${filter.search}”`);
  return `${parts.join(' ')}.`;
}

const TOTALS: { key: FocusMetric | 'transactionCount' | 'totalIncome'; label: string }[] = [
  { key: 'totalSpend', label: 'Total spend' },
  { key: 'transactionCount', label: 'Transactions' },
  { key: 'averageMonthlySpend', label: 'Average monthly spend' },
  { key: 'averageTransaction', label: 'Average transaction' },
];

/** Each total's value and the line that says what it counts, or divides by. */
function total(
  key: (typeof TOTALS)[number]['key'],
  summary: MetricsSummary,
  format: Formatters,
): { value: string; detail: string } {
  switch (key) {
    case 'transactionCount':
      return { value: format.count(summary.transactionCount), detail: 'every row shown below' };
    case 'averageMonthlySpend': {
      const average = monthlyAverage(summary, format);
      return average
        ? { value: format.money(average.value), detail: average.detail }
        : { value: '—', detail: 'none for part of one month' };
    }
    case 'averageTransaction':
      return {
        value: format.money(summary.averageTransaction),
        detail: `per purchase, over ${format.countOf(summary.purchaseCount, 'purchase')}`,
      };
    case 'totalSpend':
      return {
        value: format.money(summary.totalSpend),
        detail: format.countOf(summary.purchaseCount, 'purchase'),
      };
    case 'totalIncome':
      return { value: format.money(summary.totalIncome), detail: '' };
  }
}

function Totals({
  summary,
  focus,
  kind,
  busy,
  format,
}: {
  summary: MetricsSummary | undefined;
  focus: FocusMetric | null;
  kind: 'spend' | 'income' | 'all';
  busy: boolean;
  format: Formatters;
}) {
  const items =
    kind === 'income'
      ? [{ key: 'totalIncome' as const, label: 'Total income' }, TOTALS[1]!]
      : TOTALS;
  return (
    <section className="totals" aria-label="Totals of these transactions" aria-busy={busy}>
      {items.map((item) => {
        const focused = item.key === focus;
        const shown = summary ? total(item.key, summary, format) : null;
        return (
          <div
            key={item.key}
            className={focused ? 'total is-focused' : 'total'}
            data-total={item.key}
          >
            <p className="total-label">{item.label}</p>
            <p className="total-value" data-value>
              {shown?.value ?? <span className="skeleton inline" aria-hidden="true" />}
            </p>
            {shown?.detail && <p className="total-detail">{shown.detail}</p>}
            {focused && summary && (
              <p className="total-note">
                The figure you opened
                {item.key === 'averageMonthlySpend' &&
                  ` · ${format.money(summary.totalSpend)} ÷ ${format.countOf(summary.months, 'month')}`}
                {item.key === 'averageTransaction' &&
                  ` · ${format.money(summary.totalSpend)} ÷ ${format.countOf(summary.purchaseCount, 'purchase')}`}
              </p>
            )}
          </div>
        );
      })}
    </section>
  );
}

function TransactionTable({
  rows,
  selected,
  allShownSelected,
  onSelectShown,
  onSelect,
  onEdit,
  inline,
  loading,
  sort,
  onSort,
  categoryById,
  format,
  dimmed,
}: {
  rows: Transaction[];
  selected: ReadonlySet<string>;
  allShownSelected: boolean;
  onSelectShown: (checked: boolean) => void;
  onSelect: (id: string, checked: boolean, shift: boolean) => void;
  onEdit: (id: string) => void;
  inline: InlineEdit;
  loading: boolean;
  sort: SortChoice;
  onSort: (sort: SortChoice) => void;
  categoryById: Map<string, Category>;
  format: Formatters;
  dimmed: boolean;
}) {
  const [field, direction] = sort.split('-') as ['date' | 'amount', 'asc' | 'desc'];
  const ariaSort = (column: 'date' | 'amount') =>
    field === column ? (direction === 'asc' ? 'ascending' : 'descending') : 'none';
  const nextSort = (column: 'date' | 'amount'): SortChoice => {
    if (column === 'date') return sort === 'date-desc' ? 'date-asc' : 'date-desc';
    // Largest spending (most negative) first, then the other way.
    return sort === 'amount-asc' ? 'amount-desc' : 'amount-asc';
  };
  const sortLabel = (column: 'date' | 'amount') => {
    if (column === 'date') return sort === 'date-desc' ? 'oldest first' : 'newest first';
    return sort === 'amount-asc' ? 'money in first' : 'money out first';
  };
  const sortButton = (column: 'date' | 'amount', label: string) => (
    <button type="button" className="sort-button" onClick={() => onSort(nextSort(column))}>
      {label} <SortIcon state={ariaSort(column)} />
      <span className="visually-hidden">, sort {sortLabel(column)}</span>
    </button>
  );
  const categoryLabel = (row: Transaction) => row.categoryName ?? 'Uncategorized';
  const { categories } = usePickerLists();
  const rowName = (row: Transaction) =>
    `${row.payee ?? row.description ?? 'transaction'} on ${format.date(row.occurredOn)}`;
  const editing = (row: Transaction) => inline.isEditing(row) && inline.draft !== null;
  // On a phone the row being edited is one cell holding every field, labelled, one under another.
  const phone = useMediaQuery('(max-width: 719px)');
  const fieldsOf = (row: Transaction) =>
    inlineFields({ row, inline, categories, labelsShown: phone });
  const editingId = inline.row?.entryId ?? null;
  // The first field takes the focus when a row turns into fields.
  useEffect(() => {
    if (editingId) document.getElementById('inline-date')?.focus();
  }, [editingId]);
  // A row that left the list (a new filter, deleted elsewhere) is no longer being edited: the
  // other rows' Edit buttons would otherwise stay disabled with no field left to cancel from.
  const { row: editedRow, cancel: cancelInline } = inline;
  useEffect(() => {
    if (editedRow && !rows.some((row) => row.entryId === editedRow.entryId)) cancelInline();
  }, [rows, editedRow, cancelInline]);

  const someSelected = rows.some((row) => selected.has(row.id));
  const columns: Column<Transaction>[] = [
    {
      key: 'select',
      className: 'col-select',
      header: (
        <input
          type="checkbox"
          aria-label="Select every transaction shown"
          checked={allShownSelected}
          ref={(box) => {
            if (box) box.indeterminate = someSelected && !allShownSelected;
          }}
          onChange={(event) => onSelectShown(event.target.checked)}
        />
      ),
      cell: (row) => (
        <input
          type="checkbox"
          data-select={row.id}
          aria-label={`Select ${row.payee ?? row.description ?? 'transaction'} on ${format.date(row.occurredOn)}`}
          checked={selected.has(row.id)}
          // The click carries Shift (a range); `onChange` alone does not.
          onChange={() => undefined}
          onClick={(event) => onSelect(row.id, event.currentTarget.checked, event.shiftKey)}
        />
      ),
    },
    {
      key: 'date',
      header: sortButton('date', 'Date'),
      sort: ariaSort('date'),
      className: 'col-date',
      cell: (row) =>
        editing(row) ? (
          fieldsOf(row).date
        ) : (
          <>
            <span className="date-long">{format.date(row.occurredOn)}</span>
            <span className="date-short">{format.shortDate(row.occurredOn)}</span>
          </>
        ),
    },
    {
      key: 'payee',
      header: 'Payee',
      cellClassName: () => 'col-payee',
      cell: (row) =>
        editing(row) ? (
          fieldsOf(row).payee
        ) : (
          <>
            <button
              type="button"
              className="payee-button"
              onClick={() => onEdit(row.id)}
              aria-haspopup="dialog"
            >
              <span className="payee">{row.payee ?? row.description ?? '—'}</span>
              <span className="visually-hidden">, edit</span>
            </button>
            {row.payee && row.description && <span className="description">{row.description}</span>}
            <span className="row-meta">
              {categoryLabel(row)} · {row.accountName}
            </span>
          </>
        ),
    },
    {
      key: 'category',
      header: 'Category',
      className: 'col-category',
      cell: (row) => {
        if (editing(row)) {
          return inlineMode(row) === 'transfer' ? (
            fieldsOf(row).category
          ) : (
            <div className="field">{fieldsOf(row).category}</div>
          );
        }
        const category = row.categoryId ? categoryById.get(row.categoryId) : undefined;
        return (
          <span className="category-chip">
            <span
              className={category ? 'swatch' : 'swatch uncategorized'}
              style={category ? { background: category.color } : undefined}
              aria-hidden="true"
            />
            {categoryLabel(row)}
          </span>
        );
      },
    },
    { key: 'account', header: 'Account', className: 'col-account', cell: (row) => row.accountName },
    {
      key: 'amount',
      header: sortButton('amount', 'Amount'),
      sort: ariaSort('amount'),
      numeric: true,
      cellClassName: (row) =>
        editing(row) ? 'amount is-editing' : row.amountMinor > 0 ? 'amount in' : 'amount',
      cell: (row) =>
        editing(row)
          ? fieldsOf(row).amount
          : `${row.amountMinor > 0 ? '+' : ''}${format.money(row.amountMinor)}`,
    },
    {
      key: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      className: 'col-actions',
      cell: (row) =>
        editing(row) ? (
          fieldsOf(row).actions
        ) : inlineMode(row) === 'split-line' ? (
          <button
            type="button"
            className="button ghost small"
            data-inline-edit={row.entryId}
            aria-haspopup="dialog"
            aria-label={`Edit ${rowName(row)}: a line of a split, edited in the drawer`}
            title="A line of a split: its lines are edited together, in the drawer"
            onClick={() => inline.start(row)}
          >
            <EditLabel text="Edit…" />
          </button>
        ) : (
          <button
            type="button"
            className="button ghost small"
            data-inline-edit={row.entryId}
            aria-label={`Edit ${rowName(row)} in place`}
            title="Edit in place (or press e on the row)"
            disabled={inline.row !== null}
            onClick={() => inline.start(row)}
          >
            <EditLabel text="Edit" />
          </button>
        ),
    },
  ];

  return (
    <div className={dimmed ? 'table-wrap is-updating' : 'table-wrap'}>
      <DataTable
        caption="Transactions matching the filters"
        className="transactions"
        columns={columns}
        rows={rows}
        rowKey={(row) => row.entryId}
        loadingRows={loading ? 6 : 0}
        fullRow={(row) => (phone && editing(row) ? <InlineRowForm fields={fieldsOf(row)} /> : null)}
        rowProps={(row) => ({
          className: editing(row) ? 'is-editing' : undefined,
          'data-entry': row.entryId,
          onKeyDown: (event) => inline.onRowKeyDown(row, event),
          onDoubleClick: (event) => {
            // A double-click on a control (the payee, a checkbox, a field) is that control's.
            if (inline.row || (event.target as HTMLElement).closest('button, input, select, a')) {
              return;
            }
            inline.start(row);
          },
        })}
      />
    </div>
  );
}

/** "Edit" in words; a pencil on a phone, where the table has no room for the word. */
function EditLabel({ text }: { text: string }) {
  return (
    <>
      <span className="edit-word">{text}</span>
      <svg className="edit-icon" viewBox="0 0 16 16" aria-hidden="true">
        <path d="M11.3 1.7a1.5 1.5 0 0 1 2.1 0l.9.9a1.5 1.5 0 0 1 0 2.1L5.6 13.4 2 14l.6-3.6z" />
      </svg>
    </>
  );
}

/** The phone's row being edited: every field in one cell, two to a line where they fit. */
function InlineRowForm({ fields }: { fields: InlineFieldNodes }) {
  return (
    <div className="inline-row-form">
      {fields.date}
      {fields.amount}
      <div className="wide">{fields.payee}</div>
      <div className="wide">{fields.category}</div>
      <div className="wide">{fields.actions}</div>
    </div>
  );
}

function SortIcon({ state }: { state: 'ascending' | 'descending' | 'none' }) {
  return (
    <svg className={`sort-icon ${state}`} viewBox="0 0 10 14" aria-hidden="true">
      <path d="M5 1 8.5 5h-7z" className="up" />
      <path d="M5 13 1.5 9h7z" className="down" />
    </svg>
  );
}
