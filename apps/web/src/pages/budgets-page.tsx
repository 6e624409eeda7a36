/**
 * Budgets: each budget's current week or month — spent against what it allows, the pace mark,
 * what is left per day, its health — and the last 12 periods of one budget against what was
 * spent. New budgets and changes open a sheet; every write reports what it did with Undo, and
 * refreshes what depends on it.
 */
import { localIsoDate, type Budget } from '@outlay/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearch } from 'wouter';
import { BudgetDialog } from '../budgets/budget-dialog.tsx';
import { BudgetProgress } from '../budgets/budget-progress.tsx';
import { BudgetVsActualChart } from '../budgets/budget-vs-actual-chart.tsx';
import { ChartBoundary } from '../charts/chart-boundary.tsx';
import { LoadError, LoadingRows } from '../components/load-states.tsx';
import { Page, Panel } from '../components/page.tsx';
import { PlanTabs } from '../components/plan-tabs.tsx';
import { budgetHref } from '../lib/drill-down.ts';
import { useFormatters } from '../lib/formatters-context.tsx';
import { useTRPC } from '../lib/trpc.ts';
import '../budgets/budgets.css';

export default function BudgetsPage() {
  const trpc = useTRPC();
  const format = useFormatters();
  const search = useSearch();
  const [today] = useState(localIsoDate);
  const status = useQuery(trpc.budgets.status.queryOptions({ today }));
  const history = useQuery(
    trpc.budgets.history.queryOptions(
      { periods: 12, period: today },
      { placeholderData: keepPreviousData },
    ),
  );
  const list = useQuery(trpc.budgets.list.queryOptions());
  const categories = useQuery(trpc.categories.list.queryOptions());
  // `null`: closed; `'new'`: a new budget; a budget: changing it.
  const [editing, setEditing] = useState<Budget | 'new' | null>(null);
  const [chosen, setChosen] = useState('');

  useEffect(() => {
    document.title = 'Budgets · Outlay';
  }, []);

  const ready = status.isSuccess && list.isSuccess && history.isSuccess && !status.isFetching;
  const counts = status.data?.counts;
  const current = new Set(status.data?.budgets.map((s) => s.budget.id));
  // Budgets that do not cover this week or month (ended, or starting later) are listed apart.
  const elsewhere = (list.data ?? []).filter((b) => !current.has(b.id));
  const summary =
    counts && status.data && status.data.budgets.length > 0
      ? `${counts.on_track} on track · ${counts.at_risk} at risk · ${counts.over} over`
      : 'What you mean to spend each week or month, and how it is going.';

  return (
    <Page
      className="budgets-page"
      ready={ready}
      view={search ? `?${search}` : ''}
      title="Budgets"
      line={<span data-budget-counts>{summary}</span>}
      aside={
        <button
          type="button"
          className="button primary"
          onClick={() => setEditing('new')}
          aria-haspopup="dialog"
        >
          New budget
        </button>
      }
    >
      <PlanTabs current="budgets" />
      <Panel id="budgets" title="This period">
        {status.isError ? (
          <LoadError what="your budgets" onRetry={() => void status.refetch()} />
        ) : status.isPending ? (
          <LoadingRows label="Loading your budgets…" rows={3} />
        ) : status.data.budgets.length === 0 && elsewhere.length === 0 ? (
          <div className="manage-empty" data-empty>
            <p>
              No budgets yet. A budget is what you mean to spend on a category (or a whole group)
              each week or month; this page then shows how much is left, how much a day, and whether
              you are on track.
            </p>
            <button type="button" className="button primary" onClick={() => setEditing('new')}>
              Set your first budget
            </button>
          </div>
        ) : (
          <ul className="budget-list">
            {status.data.budgets.map((s) => (
              <BudgetProgress
                key={s.budget.id}
                status={s}
                format={format}
                href={budgetHref(today, s.budget, s, categories.data)}
                onEdit={() => setEditing(s.budget)}
              />
            ))}
          </ul>
        )}
        {elsewhere.length > 0 && (
          <div className="budgets-elsewhere">
            <h3>Not in this period</h3>
            <ul>
              {elsewhere.map((b) => (
                <li key={b.id}>
                  {b.name} · {b.period} · {format.money(b.amountMinor)} ·{' '}
                  {b.endsOn && b.endsOn < today
                    ? `ended ${format.date(b.endsOn)}`
                    : `starts ${format.date(b.startsOn)}`}{' '}
                  <button
                    type="button"
                    className="button ghost small"
                    onClick={() => setEditing(b)}
                  >
                    Edit<span className="visually-hidden"> the {b.name} budget</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </Panel>
      {(list.data?.length ?? 0) > 0 && (
        <ChartBoundary
          title="Budget against actual"
          resetKey={String(history.dataUpdatedAt)}
          onRetry={() => void history.refetch()}
        >
          <BudgetVsActualChart
            history={history.data}
            selected={chosen}
            onSelect={setChosen}
            categories={categories.data}
            today={today}
            busy={history.isFetching}
          />
        </ChartBoundary>
      )}
      {editing !== null && categories.data && (
        <BudgetDialog
          budget={editing === 'new' ? null : editing}
          categories={categories.data}
          today={today}
          onClose={() => setEditing(null)}
        />
      )}
    </Page>
  );
}
