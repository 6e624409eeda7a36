/**
 * The transactions behind a number: the same filter as the dashboard (from the URL), their total
 * from metrics.summary (so a drill-down visibly shows the figure that was clicked), and the rows
 * themselves with keyset pagination ("Load more") and sorting by date or amount.
 */
import type { Category, MetricsSummary, Transaction } from '@outlay/contracts';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { Link } from 'wouter';
import { FilterBar } from '../components/filter-bar.tsx';
import { QueryError } from '../components/query-error.tsx';
import { ViewHeading } from '../components/view-heading.tsx';
import type { Formatters } from '../lib/format.ts';
import { useFormatters } from '../lib/formatters-context.tsx';
import { isUnauthorized, useTRPC, useTRPCClient } from '../lib/trpc.ts';
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
  // tRPC's `infiniteQueryOptions` adds a `direction` key to the input, which the strict
  // TransactionListInput schema refuses; so React Query's hook runs with the tRPC client, which
  // sends only what the contract names, under tRPC's own infinite query key (invalidating
  // `trpc.transactions.pathFilter()` reaches it). Same batch, same UNAUTHORIZED handling.
  const input = { filter, limit: PAGE_SIZE, sort: { field, direction } };
  const list = useInfiniteQuery({
    queryKey: trpc.transactions.list.infiniteQueryKey(input),
    queryFn: ({ pageParam, signal }) =>
      client.transactions.list.query({ ...input, cursor: pageParam }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    ...keep,
  });
  useStaleCategoryCheck(state, update, categories.data);

  useEffect(() => {
    document.title = 'Transactions · Outlay';
  }, []);

  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const categoryById = useMemo(
    () => new Map((categories.data ?? []).map((c) => [c.id, c])),
    [categories.data],
  );
  const updating = summary.isPlaceholderData || (list.isPlaceholderData && list.isFetching);
  const ready = summary.isSuccess && list.isSuccess && !updating && !list.isFetching;

  return (
    <div
      className="page"
      data-view-state={ready ? 'ready' : 'loading'}
      data-view={viewSearch(state)}
    >
      <ViewHeading title="Transactions" state={state} updating={updating} />
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
          <h2 id="rows-title">Rows</h2>
          {summary.data && list.data && (
            <p className="muted small" aria-live="polite">
              Showing {format.count(rows.length)} of {format.count(summary.data.transactionCount)}
            </p>
          )}
        </header>
        {list.isError && !list.data && !isUnauthorized(list.error) ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <TransactionTable
            rows={rows}
            loading={list.isPending}
            sort={state.sort}
            onSort={(sort) => update({ ...state, sort })}
            categoryById={categoryById}
            format={format}
            dimmed={list.isPlaceholderData}
          />
        )}
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
        {list.hasNextPage && (
          <div className="load-more">
            <button
              type="button"
              className="button"
              // Not `disabled`: a disabled button drops keyboard focus mid-list.
              aria-disabled={list.isFetchingNextPage}
              onClick={() => {
                if (!list.isFetchingNextPage) void list.fetchNextPage();
              }}
            >
              {list.isFetchingNextPage ? 'Loading…' : `Load ${PAGE_SIZE} more`}
            </button>
            {list.isError && list.data && (
              <p className="field-error">Couldn’t load more. Try again.</p>
            )}
          </div>
        )}
      </section>
    </div>
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
        const value = summary
          ? item.key === 'transactionCount'
            ? format.count(summary.transactionCount)
            : format.money(summary[item.key])
          : null;
        return (
          <div
            key={item.key}
            className={focused ? 'total is-focused' : 'total'}
            data-total={item.key}
          >
            <p className="total-label">{item.label}</p>
            <p className="total-value" data-value>
              {value ?? <span className="skeleton inline" aria-hidden="true" />}
            </p>
            {focused && summary && (
              <p className="total-note">
                The figure you opened
                {item.key === 'averageMonthlySpend' &&
                  ` · ${format.money(summary.totalSpend)} ÷ ${format.count(summary.months)} months`}
                {item.key === 'averageTransaction' &&
                  ` · ${format.money(summary.totalSpend)} ÷ ${format.count(summary.purchaseCount)} purchases`}
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
  loading,
  sort,
  onSort,
  categoryById,
  format,
  dimmed,
}: {
  rows: Transaction[];
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

  return (
    <div className={dimmed ? 'table-wrap is-updating' : 'table-wrap'}>
      <table className="data-table transactions">
        <caption className="visually-hidden">Transactions matching the filters</caption>
        <thead>
          <tr>
            <th scope="col" aria-sort={ariaSort('date')} className="col-date">
              <button
                type="button"
                className="sort-button"
                onClick={() => onSort(nextSort('date'))}
              >
                Date <SortIcon state={ariaSort('date')} />
                <span className="visually-hidden">, sort {sortLabel('date')}</span>
              </button>
            </th>
            <th scope="col">Payee</th>
            <th scope="col" className="col-category">
              Category
            </th>
            <th scope="col" className="col-account">
              Account
            </th>
            <th scope="col" aria-sort={ariaSort('amount')} className="num">
              <button
                type="button"
                className="sort-button"
                onClick={() => onSort(nextSort('amount'))}
              >
                Amount <SortIcon state={ariaSort('amount')} />
                <span className="visually-hidden">, sort {sortLabel('amount')}</span>
              </button>
            </th>
          </tr>
        </thead>
        <tbody>
          {loading &&
            Array.from({ length: 6 }, (_, i) => (
              <tr key={i} aria-hidden="true">
                <td colSpan={5}>
                  <span className="skeleton line" />
                </td>
              </tr>
            ))}
          {rows.map((row) => {
            const category = row.categoryId ? categoryById.get(row.categoryId) : undefined;
            const categoryLabel = row.categoryName ?? 'Uncategorized';
            return (
              <tr key={row.id}>
                <td className="col-date">
                  <span className="date-long">{format.date(row.occurredOn)}</span>
                  <span className="date-short">{format.shortDate(row.occurredOn)}</span>
                </td>
                <td className="col-payee">
                  <span className="payee">{row.payee ?? row.description ?? '—'}</span>
                  {row.payee && row.description && (
                    <span className="description">{row.description}</span>
                  )}
                  <span className="row-meta">
                    {categoryLabel} · {row.accountName}
                  </span>
                </td>
                <td className="col-category">
                  <span className="category-chip">
                    <span
                      className={category ? 'swatch' : 'swatch uncategorized'}
                      style={category ? { background: category.color } : undefined}
                      aria-hidden="true"
                    />
                    {categoryLabel}
                  </span>
                </td>
                <td className="col-account">{row.accountName}</td>
                <td className={row.amountMinor > 0 ? 'num amount in' : 'num amount'}>
                  {row.amountMinor > 0 ? '+' : ''}
                  {format.money(row.amountMinor)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
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
