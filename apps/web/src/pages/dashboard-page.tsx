/**
 * The dashboard: filters, the four headline figures and three charts, all from one filter in the
 * URL. The queries one view sends are `dashboardQueries` from @outlay/contracts (the bench replays
 * the same set), batched into one HTTP request; while a new filter loads, the previous numbers
 * stay on screen (dimmed) and then everything switches together. Each chart has an error boundary
 * of its own, so one that cannot be drawn never blanks the page.
 */
import { outlayErrorCode } from '@outlay/client';
import { dashboardQueries, MAX_OVER_TIME_BUCKETS } from '@outlay/contracts';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { BudgetsCard } from '../budgets/budgets-card.tsx';
import { CategoryBarChart } from '../charts/category-bar-chart.tsx';
import { CategoryDonut } from '../charts/category-donut.tsx';
import { ChartBoundary } from '../charts/chart-boundary.tsx';
import { SpendOverTimeChart } from '../charts/spend-over-time-chart.tsx';
import { EmptyAccount } from '../components/empty-account.tsx';
import { MetricCards } from '../components/metric-cards.tsx';
import { useNotices } from '../components/notices.tsx';
import { QueryError } from '../components/query-error.tsx';
import { Page } from '../components/page.tsx';
import { ViewHeading } from '../components/view-heading.tsx';
import { FilterBar } from '../filters/filter-bar.tsx';
import { useFormatters } from '../lib/formatters-context.tsx';
import { sessionStore } from '../lib/session.ts';
import { isUnauthorized, useTRPC } from '../lib/trpc.ts';
import { useEmptyAccount } from '../lib/use-empty-account.ts';
import { useStaleCategoryCheck } from '../lib/use-stale-categories.ts';
import { useViewState } from '../lib/use-view-state.ts';
import { granularityFits, viewSearch } from '../lib/view-state.ts';

const keep = { placeholderData: keepPreviousData };

export function DashboardPage() {
  const { state, update, today } = useViewState();
  const { push } = useNotices();
  const format = useFormatters();
  const { filter, granularity, groupBy } = state;
  // The view's queries as the bench replays them; the previous period depends on the dates only.
  const queries = useMemo(
    () => dashboardQueries({ filter, granularity, groupBy }),
    [filter, granularity, groupBy],
  );
  const comparison = queries.previousRange;

  const trpc = useTRPC();
  const categories = useQuery(
    trpc.categories.list.queryOptions(undefined, { staleTime: 5 * 60_000 }),
  );
  const summary = useQuery(trpc.metrics.summary.queryOptions(queries.summary, keep));
  const byCategory = useQuery(trpc.metrics.byCategory.queryOptions(queries.byCategory, keep));
  const overTime = useQuery(trpc.metrics.overTime.queryOptions(queries.overTime, keep));
  const previous = useQuery(
    trpc.metrics.summary.queryOptions(queries.previousSummary ?? skipToken, keep),
  );
  const previousByCategory = useQuery(
    trpc.metrics.byCategory.queryOptions(queries.previousByCategory ?? skipToken, keep),
  );
  const account = useEmptyAccount(summary);
  const displayName = useSyncExternalStore(
    sessionStore.subscribe,
    () => sessionStore.getSnapshot().session?.user.displayName,
  );
  useStaleCategoryCheck(state, update, categories.data);

  // Grouping an open range (all time, or from a date on) by day or week can need more points
  // than a chart may have; only the server knows the range, and it says no. Fall back to auto.
  const granularityRefused =
    granularity !== 'auto' &&
    overTime.isError &&
    !overTime.isFetching &&
    outlayErrorCode(overTime.error) === 'BAD_REQUEST';
  useEffect(() => {
    if (!granularityRefused) return;
    push(
      `Spend by ${granularity} over this range would be more than ${format.count(MAX_OVER_TIME_BUCKETS)} points, so the chart groups it automatically.`,
    );
    update({ ...state, granularity: 'auto' }, { replace: true });
  }, [granularityRefused, granularity, state, update, push, format]);

  const current = [
    summary,
    byCategory,
    overTime,
    ...(comparison ? [previous, previousByCategory] : []),
    ...(account.query ? [account.query] : []),
  ];
  const loaded = current.every((q) => q.data !== undefined);
  const updating = current.some((q) => q.isPlaceholderData || q.isFetching);
  const ready = loaded && !updating && current.every((q) => q.isSuccess);
  // A refused token is the session's business (refresh, or back to sign-in), not an error here.
  const failed = current.find(
    (q) =>
      q.isError &&
      !q.isFetching &&
      !isUnauthorized(q.error) &&
      !(q === overTime && granularityRefused),
  );
  const key = viewSearch(state);
  // A chart that failed to draw tries again for a new view or a new answer, or when asked.
  const boundary = (
    title: string,
    query: { dataUpdatedAt: number; refetch: () => Promise<unknown> },
  ) => ({
    title,
    resetKey: `${key} ${query.dataUpdatedAt}`,
    onRetry: () => void query.refetch(),
  });

  useEffect(() => {
    document.title = 'Dashboard · Outlay';
  }, []);
  useEffect(() => {
    // For the bench and the end-to-end tests: the moment every figure and chart shows this view.
    if (ready) performance.mark('outlay:dashboard-ready', { detail: { view: key } });
  }, [ready, key]);

  if (account.empty) {
    return (
      <Page
        ready={ready}
        view={key}
        title="Dashboard"
        line={displayName && `Welcome to Outlay, ${displayName}.`}
      >
        <EmptyAccount>
          Once there are, this page shows where your money goes: what you spend each month, on which
          categories, and how that changes over time. Every figure opens the transactions behind it.
          {categories.data && categories.data.length > 0 && (
            <>
              {' '}
              Your account starts with{' '}
              {format.countOf(categories.data.length, 'category', 'categories')} ready:{' '}
              {new Intl.ListFormat(format.locale, { type: 'conjunction' }).format(
                categories.data.map((c) => c.name),
              )}
              .
            </>
          )}
        </EmptyAccount>
      </Page>
    );
  }

  return (
    <Page
      ready={ready}
      view={key}
      heading={<ViewHeading title="Dashboard" state={state} updating={loaded && updating} />}
    >
      <FilterBar state={state} update={update} today={today} categories={categories.data} />
      {failed && (
        <QueryError error={failed.error} onRetry={() => current.forEach((q) => void q.refetch())} />
      )}
      <MetricCards
        summary={summary.data}
        previous={comparison ? previous.data : undefined}
        previousByCategory={comparison ? previousByCategory.data : undefined}
        previousRange={comparison}
        state={state}
        busy={updating}
      />
      <BudgetsCard />
      <div className="chart-grid">
        <ChartBoundary {...boundary('Spend over time', overTime)}>
          <SpendOverTimeChart
            overTime={overTime.data}
            state={state}
            busy={overTime.isPlaceholderData || overTime.isFetching}
            allowed={(choice) => granularityFits(filter, choice)}
            onGranularity={(next) => update({ ...state, granularity: next })}
          />
        </ChartBoundary>
        <ChartBoundary {...boundary('Spend by category', byCategory)}>
          <CategoryBarChart
            categories={byCategory.data?.categories}
            state={state}
            busy={byCategory.isPlaceholderData}
            known={categories.data}
            onGroupBy={(next) => update({ ...state, groupBy: next })}
          />
        </ChartBoundary>
        <ChartBoundary {...boundary('Share of spend', byCategory)}>
          <CategoryDonut
            categories={byCategory.data?.categories}
            totalSpend={byCategory.data?.totalSpend ?? 0}
            state={state}
            busy={byCategory.isPlaceholderData}
            known={categories.data}
          />
        </ChartBoundary>
      </div>
    </Page>
  );
}
