/**
 * The four headline figures, each compared with the previous period of the same length, each a
 * link to the transactions behind it.
 */
import type { ByCategory, MetricsSummary } from '@outlay/contracts';
import { Link } from 'wouter';
import type { ClosedRange } from '@outlay/contracts';
import { categoryHref, metricHref } from '../lib/drill-down.ts';
import type { Formatters } from '../lib/format.ts';
import { useFormatters } from '../lib/formatters-context.tsx';
import type { FocusMetric, ViewState } from '../lib/view-state.ts';

interface Props {
  summary: MetricsSummary | undefined;
  previous: MetricsSummary | undefined;
  previousByCategory: ByCategory | undefined;
  previousRange: ClosedRange | null;
  state: ViewState;
  busy: boolean;
}

const METRICS: {
  key: FocusMetric;
  title: string;
  detail: (s: MetricsSummary, f: Formatters) => string;
}[] = [
  {
    key: 'totalSpend',
    title: 'Total spend',
    detail: (s, f) => `${f.count(s.purchaseCount)} purchase${s.purchaseCount === 1 ? '' : 's'}`,
  },
  {
    key: 'averageMonthlySpend',
    title: 'Average monthly spend',
    detail: (s, f) => `over ${f.count(s.months)} month${s.months === 1 ? '' : 's'}`,
  },
  {
    key: 'averageTransaction',
    title: 'Average transaction',
    detail: (s, f) =>
      `across ${f.count(s.purchaseCount)} purchase${s.purchaseCount === 1 ? '' : 's'}`,
  },
];

export function MetricCards({
  summary,
  previous,
  previousByCategory,
  previousRange,
  state,
  busy,
}: Props) {
  const format = useFormatters();
  const comparison = previousRange ? format.range(previousRange.from, previousRange.to) : null;
  return (
    <section className="cards" aria-labelledby="cards-title" aria-busy={busy}>
      <div className="section-heading">
        <h2 id="cards-title">Key figures</h2>
        <p className="muted small">
          {comparison
            ? `Changes compared with ${comparison}`
            : 'All time: no earlier period to compare with'}
        </p>
      </div>
      <div className={busy ? 'card-grid is-updating' : 'card-grid'}>
        {METRICS.map((metric) => (
          <article className="card metric-card" key={metric.key} data-metric={metric.key}>
            <h3 className="card-title">{metric.title}</h3>
            {summary ? (
              <>
                <p className="card-value">
                  <Link href={metricHref(state, metric.key)} className="stretched-link" data-value>
                    {format.money(summary[metric.key])}
                  </Link>
                </p>
                {comparison && (
                  <p className="card-change">
                    {previous ? (
                      <>
                        <Change
                          current={summary[metric.key]}
                          previous={previous[metric.key]}
                          format={format}
                        />
                        <span>vs {format.money(previous[metric.key])}</span>
                      </>
                    ) : (
                      <span className="skeleton inline" aria-hidden="true" />
                    )}
                  </p>
                )}
                <p className="card-detail">{metric.detail(summary, format)}</p>
              </>
            ) : (
              <p className="card-value skeleton" aria-hidden="true" />
            )}
          </article>
        ))}
        <article className="card top-card" data-metric="topCategories">
          <h3 className="card-title">Top categories</h3>
          {summary ? (
            summary.topCategories.length === 0 ? (
              <p className="muted">No spending in this view.</p>
            ) : (
              <ol className="top-list">
                {summary.topCategories.map((category) => {
                  const before = previousByCategory?.categories.find(
                    (c) => c.categoryId === category.categoryId,
                  );
                  return (
                    <li key={category.categoryId ?? 'uncategorized'}>
                      <span
                        className="swatch"
                        style={{ background: category.color }}
                        aria-hidden="true"
                      />
                      <Link href={categoryHref(state, category.categoryId)} className="top-name">
                        {category.name}
                      </Link>
                      <span className="top-amount">{format.money(category.spendMinor)}</span>
                      <span className="top-share muted">{format.percent(category.share)}</span>
                      {comparison && previousByCategory && (
                        <Change
                          current={category.spendMinor}
                          previous={before?.spendMinor ?? 0}
                          format={format}
                          compact
                        />
                      )}
                    </li>
                  );
                })}
              </ol>
            )
          ) : (
            <p className="skeleton tall" aria-hidden="true" />
          )}
        </article>
      </div>
    </section>
  );
}

/**
 * "▲ 12.3%", and in words for screen readers ("up 12.3%"), naming the previous amount unless the
 * card shows it next to the change. Up means more spend.
 */
function Change({
  current,
  previous,
  format,
  compact = false,
}: {
  current: number;
  previous: number | undefined;
  format: Formatters;
  /** The short form for the top-categories list, where the previous amount is not shown. */
  compact?: boolean;
}) {
  if (previous === undefined) return null;
  const from = compact ? ` from ${format.money(previous)}` : '';
  if (previous <= 0) {
    if (current <= 0) return <span className="delta flat">{compact ? '—' : 'No change'}</span>;
    return (
      <span className="delta up" title="Nothing in the previous period">
        {compact ? 'new' : 'New this period'}
      </span>
    );
  }
  const ratio = (current - previous) / previous;
  const direction = Math.abs(ratio) < 0.0005 ? 'flat' : ratio > 0 ? 'up' : 'down';
  const arrow = direction === 'up' ? '▲' : direction === 'down' ? '▼' : '■';
  const percent = format.percent(Math.abs(ratio));
  return (
    <span className={`delta ${direction}`} title={`Previous period: ${format.money(previous)}`}>
      <span aria-hidden="true">
        {arrow} {direction === 'flat' ? '0%' : percent}
      </span>
      <span className="visually-hidden">
        {direction === 'flat' ? `unchanged${from}` : `${direction} ${percent}${from}`}
      </span>
    </span>
  );
}
