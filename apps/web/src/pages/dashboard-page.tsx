/**
 * The dashboard: filters, the four headline figures and three charts, all from one filter in the
 * URL. The queries one render starts are batched into one HTTP request; while a new filter loads,
 * the previous numbers stay on screen (dimmed) and then everything switches together.
 */
import { dashboardQueries } from '@outlay/contracts';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { Link } from 'wouter';
import { CategoryBarChart } from '../charts/category-bar-chart.tsx';
import { CategoryDonut } from '../charts/category-donut.tsx';
import { SpendOverTimeChart } from '../charts/spend-over-time-chart.tsx';
import { FilterBar } from '../components/filter-bar.tsx';
import { MetricCards } from '../components/metric-cards.tsx';
import { QueryError } from '../components/query-error.tsx';
import { ViewHeading } from '../components/view-heading.tsx';
import { useFormatters } from '../lib/formatters-context.tsx';
import { sessionStore } from '../lib/session.ts';
import { isUnauthorized, useTRPC } from '../lib/trpc.ts';
import { useStaleCategoryCheck } from '../lib/use-stale-categories.ts';
import { useViewState } from '../lib/use-view-state.ts';
import { viewSearch } from '../lib/view-state.ts';

const keep = { placeholderData: keepPreviousData };

export function DashboardPage() {
  const { state, update, today } = useViewState();
  const { filter, granularity } = state;
  // The view's queries as the bench replays them; the previous period depends on the dates only.
  const queries = useMemo(() => dashboardQueries({ filter, granularity }), [filter, granularity]);
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
  // Nothing in this view: is there anything at all? A new account has no transactions yet, and
  // says so instead of drawing empty charts. (Only asked when the view is empty.)
  const emptyView = summary.data?.transactionCount === 0 && !summary.isPlaceholderData;
  const everything = useQuery(
    trpc.metrics.summary.queryOptions(
      { filter: {} },
      { enabled: emptyView, staleTime: 5 * 60_000 },
    ),
  );
  const noTransactionsYet = emptyView && everything.data?.transactionCount === 0;
  const displayName = useSyncExternalStore(
    sessionStore.subscribe,
    () => sessionStore.getSnapshot().session?.user.displayName,
  );
  useStaleCategoryCheck(state, update, categories.data);

  const current = [
    summary,
    byCategory,
    overTime,
    ...(comparison ? [previous, previousByCategory] : []),
    ...(emptyView ? [everything] : []),
  ];
  const loaded = current.every((q) => q.data !== undefined);
  const updating = current.some((q) => q.isPlaceholderData || q.isFetching);
  const ready = loaded && !updating && current.every((q) => q.isSuccess);
  // A refused token is the session's business (refresh, or back to sign-in), not an error here.
  const failed = current.find((q) => q.isError && !q.isFetching && !isUnauthorized(q.error));
  const key = viewSearch(state);

  useEffect(() => {
    document.title = 'Dashboard · Outlay';
  }, []);
  useEffect(() => {
    // For the bench and the end-to-end tests: the moment every figure and chart shows this view.
    if (ready) performance.mark('outlay:dashboard-ready', { detail: { view: key } });
  }, [ready, key]);

  if (noTransactionsYet) {
    return (
      <div className="page" data-view-state={ready ? 'ready' : 'loading'} data-view={key}>
        <div className="view-heading">
          <div>
            <h1>Dashboard</h1>
            {displayName && <p className="view-period">Welcome to Outlay, {displayName}.</p>}
          </div>
        </div>
        <NoTransactionsYet categories={categories.data?.map((c) => c.name)} />
      </div>
    );
  }

  return (
    <div className="page" data-view-state={ready ? 'ready' : 'loading'} data-view={key}>
      <ViewHeading title="Dashboard" state={state} updating={loaded && updating} />
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
      <div className="chart-grid">
        <SpendOverTimeChart
          overTime={overTime.data}
          state={state}
          busy={overTime.isPlaceholderData || overTime.isFetching}
          onGranularity={(next) => update({ ...state, granularity: next })}
        />
        <CategoryBarChart
          categories={byCategory.data?.categories}
          state={state}
          busy={byCategory.isPlaceholderData}
        />
        <CategoryDonut
          categories={byCategory.data?.categories}
          totalSpend={byCategory.data?.totalSpend ?? 0}
          state={state}
          busy={byCategory.isPlaceholderData}
        />
      </div>
    </div>
  );
}

/** A brand-new account: no transactions anywhere, so no figures to draw yet. */
function NoTransactionsYet({ categories }: { categories: string[] | undefined }) {
  const format = useFormatters();
  const list = categories && categories.length > 0 ? categories : null;
  return (
    <section className="panel welcome" aria-labelledby="welcome-title" data-empty-account>
      <h2 id="welcome-title">No transactions yet</h2>
      <p>
        There are no transactions in your account yet. Once there are, this page shows where your
        money goes: what you spend each month, on which categories, and how that changes over time.
        Every figure opens the transactions behind it.
      </p>
      {list && (
        <p className="muted">
          Your account starts with {format.count(list.length)} categories ready:{' '}
          {new Intl.ListFormat(format.locale, { type: 'conjunction' }).format(list)}.
        </p>
      )}
      <p>
        Meanwhile, make your account harder to take over:{' '}
        <Link href="/settings#two-factor">turn on two-factor authentication</Link>.
      </p>
    </section>
  );
}
