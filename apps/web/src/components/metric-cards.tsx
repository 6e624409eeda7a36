/**
 * The four headline figures, each compared with the previous period (`previousRange` in
 * @outlay/contracts: it depends on the dates only), each a link to the transactions behind it.
 * A monthly average needs more than a part of one month (`lib/monthly-average.ts`).
 */
import type { ByCategory, MetricsSummary } from '@outlay/contracts';
import { Link } from 'wouter';
import type { ClosedRange } from '@outlay/contracts';
import { categoryHref, metricHref } from '../lib/drill-down.ts';
import type { Formatters } from '../lib/format.ts';
import { useFormatters } from '../lib/formatters-context.tsx';
import { monthlyAverage } from '../lib/monthly-average.ts';
import type { FocusMetric, ViewState } from '../lib/view-state.ts';
import './metric-cards.css';

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
  /** The figure and the line under it; `null` when the figure does not apply to the range. */
  figure: (s: MetricsSummary, f: Formatters) => { value: number; detail: string } | null;
}[] = [
  {
    key: 'totalSpend',
    title: 'Total spend',
    figure: (s, f) => ({ value: s.totalSpend, detail: f.countOf(s.purchaseCount, 'purchase') }),
  },
  {
    key: 'averageMonthlySpend',
    title: 'Average monthly spend',
    figure: monthlyAverage,
  },
  {
    key: 'averageTransaction',
    title: 'Average transaction',
    // The count it divides by: purchases (spend rows with a negative amount), not every row.
    figure: (s, f) => ({
      value: s.averageTransaction,
      detail: `per purchase, over ${f.countOf(s.purchaseCount, 'purchase')}`,
    }),
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
        {METRICS.map((metric) => {
          const figure = summary ? metric.figure(summary, format) : undefined;
          const before = previous ? metric.figure(previous, format) : undefined;
          return (
            <article className="card metric-card" key={metric.key} data-metric={metric.key}>
              <h3 className="card-title">{metric.title}</h3>
              {figure === undefined ? (
                <p className="card-value skeleton" aria-hidden="true" />
              ) : figure === null ? (
                <>
                  <p className="card-value not-applicable" data-value>
                    —
                  </p>
                  <p className="card-detail">None for part of one month: see total spend.</p>
                </>
              ) : (
                <>
                  <p className="card-value">
                    <Link
                      href={metricHref(state, metric.key)}
                      className="stretched-link"
                      data-value
                    >
                      {format.money(figure.value)}
                    </Link>
                  </p>
                  {comparison && (
                    <p className="card-change">
                      {before === undefined ? (
                        <span className="skeleton inline" aria-hidden="true" />
                      ) : before === null ? (
                        <span className="muted">No monthly average before</span>
                      ) : (
                        <>
                          <Change current={figure.value} previous={before.value} format={format} />
                          <span>vs {format.money(before.value)}</span>
                        </>
                      )}
                    </p>
                  )}
                  {figure.detail && <p className="card-detail">{figure.detail}</p>}
                </>
              )}
            </article>
          );
        })}
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
        {arrow} {direction === 'flat' ? format.percent(0) : percent}
      </span>
      <span className="visually-hidden">
        {direction === 'flat' ? `unchanged${from}` : `${direction} ${percent}${from}`}
      </span>
    </span>
  );
}
