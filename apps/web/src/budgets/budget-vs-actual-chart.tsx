/**
 * Budget against actual for one budget's last 12 weeks or months: a bar per period of what was
 * spent, and a level mark of what the period allowed (amount + rollover). A period over is
 * hatched as well as coloured. Arrow keys move between periods; Enter (or a click) opens the
 * transactions of that period.
 */
import type { BudgetHistory, BudgetPeriodFigures, Category } from '@outlay/contracts';
import { useId, type MouseEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { ChartPanel } from '../charts/chart-panel.tsx';
import { MoneyPlot, moneyPlotLayout } from '../charts/money-plot.tsx';
import { ChartFocus, useChartCursor, useChartWidth } from '../charts/chart-focus.tsx';
import { DataTable } from '../components/data-table.tsx';
import { SelectField } from '../components/select-field.tsx';
import { budgetHref } from '../lib/drill-down.ts';
import type { Formatters } from '../lib/format.ts';
import { useFormatters } from '../lib/formatters-context.tsx';

const HEIGHT = 240;
const MARGIN = { top: 16, right: 12, bottom: 34, left: 64 };

type Entry = BudgetHistory['budgets'][number];

const allowed = (p: BudgetPeriodFigures) => p.amountMinor + p.rolloverMinor;

function periodLabel(entry: Entry, period: BudgetPeriodFigures, format: Formatters) {
  return entry.budget.period === 'monthly'
    ? format.month(period.from)
    : format.range(period.from, period.to);
}

export function budgetHistorySummary(entry: Entry | undefined, format: Formatters): string {
  if (!entry || entry.periods.length === 0) return 'No periods to compare yet.';
  const over = entry.periods.filter((p) => p.spentMinor > allowed(p)).length;
  const spent = entry.periods.reduce((sum, p) => sum + p.spentMinor, 0);
  const budgeted = entry.periods.reduce((sum, p) => sum + p.amountMinor, 0);
  const unit = entry.budget.period === 'monthly' ? 'month' : 'week';
  return `${entry.budget.name} over the last ${format.countOf(entry.periods.length, unit)}: ${format.money(spent)} spent of ${format.money(budgeted)} budgeted, over in ${format.countOf(over, unit)}.`;
}

export function BudgetVsActualChart({
  history,
  selected,
  onSelect,
  categories,
  today,
  busy,
}: {
  history: BudgetHistory | undefined;
  selected: string;
  onSelect: (budgetId: string) => void;
  categories: readonly Category[] | undefined;
  today: string;
  busy: boolean;
}) {
  const format = useFormatters();
  const [, navigate] = useLocation();
  const hatchId = useId().replace(/:/g, '');
  const entries = history?.budgets ?? [];
  const entry = entries.find((e) => e.budget.id === selected) ?? entries[0];
  const periods = entry?.periods ?? [];
  const hrefOf = (period: BudgetPeriodFigures) =>
    entry ? budgetHref(today, entry.budget, period, categories) : '/transactions';
  const cursor = useChartCursor(periods, (period) => navigate(hrefOf(period)));
  const { parentRef, width } = useChartWidth();
  const layout = moneyPlotLayout({
    width,
    height: HEIGHT,
    margin: MARGIN,
    amounts: periods.flatMap((p) => [p.spentMinor, allowed(p)]),
    format,
  });
  const { width: innerWidth } = layout.plot;
  const { y } = layout.scale;
  const n = periods.length;
  const band = innerWidth / Math.max(n, 1);
  const active = cursor.mark;
  const indexAt = (event: MouseEvent<SVGRectElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    return Math.max(0, Math.min(n - 1, Math.floor((event.clientX - rect.left) / band)));
  };

  return (
    <ChartPanel
      title="Budget against actual"
      summary={history ? budgetHistorySummary(entry, format) : 'Loading…'}
      actions={
        entries.length > 1 ? (
          <SelectField
            id="budget-history-choice"
            label="Budget"
            value={entry?.budget.id ?? ''}
            onChange={onSelect}
            options={entries.map((e) => ({
              value: e.budget.id,
              label: `${e.budget.name} (${e.budget.period})`,
            }))}
          />
        ) : undefined
      }
      busy={busy}
      className="budget-history"
      loaded={history !== undefined}
      placeholderHeight={HEIGHT}
      empty={n === 0}
      table={
        entry && (
          <DataTable
            caption={`${entry.budget.name}: budget against actual`}
            rows={periods}
            rowKey={(p) => p.from}
            columns={[
              {
                key: 'period',
                header: entry.budget.period === 'monthly' ? 'Month' : 'Week',
                rowHeader: true,
                cell: (p) => <Link href={hrefOf(p)}>{periodLabel(entry, p, format)}</Link>,
              },
              {
                key: 'budget',
                header: 'Budget',
                numeric: true,
                cell: (p) => format.money(allowed(p)),
              },
              {
                key: 'spent',
                header: 'Spent',
                numeric: true,
                cell: (p) => format.money(p.spentMinor),
              },
              {
                key: 'left',
                header: 'Left',
                numeric: true,
                cell: (p) => format.money(p.availableMinor),
              },
            ]}
          />
        )
      }
    >
      <ChartFocus
        ref={parentRef}
        cursor={cursor}
        roleDescription="bar chart"
        label="Spent against budget per period. Arrow keys move between periods; Enter shows their transactions."
        tip={
          active && entry
            ? {
                title: periodLabel(entry, active, format),
                amount: format.money(active.spentMinor),
                details: [
                  `of ${format.money(allowed(active))} budgeted`,
                  active.availableMinor < 0
                    ? `over by ${format.money(-active.availableMinor)}`
                    : `${format.money(active.availableMinor)} left`,
                ],
              }
            : null
        }
        tipAt={
          active && cursor.active !== null
            ? {
                left: MARGIN.left + band * (cursor.active + 0.5),
                top: MARGIN.top + y(Math.max(active.spentMinor, allowed(active))),
              }
            : null
        }
      >
        {width > 0 && entry && (
          <MoneyPlot
            layout={layout}
            xLabels={periods.flatMap((p, i) =>
              n <= 12 || i % 2 === 0
                ? [
                    {
                      key: p.from,
                      x: band * (i + 0.5),
                      text:
                        entry.budget.period === 'monthly'
                          ? format.month(p.from)
                          : format.dayMonth(p.from),
                    },
                  ]
                : [],
            )}
            cursor={cursor}
            indexAt={indexAt}
            defs={
              <pattern
                id={hatchId}
                width="6"
                height="6"
                patternUnits="userSpaceOnUse"
                patternTransform="rotate(45)"
              >
                <rect width="6" height="6" className="budget-over-fill" />
                <line x1="0" y1="0" x2="0" y2="6" className="budget-hatch" />
              </pattern>
            }
          >
            {periods.map((p, i) => {
              const over = p.spentMinor > allowed(p);
              const top = y(Math.max(0, p.spentMinor));
              // A bar is 60 % of its period's band, at most 56 px wide, centred in it.
              const barWidth = Math.min(band * 0.6, 56);
              const x = band * (i + 0.5) - barWidth / 2;
              const levelWidth = Math.min(band * 0.8, 84);
              return (
                <g key={p.from} className={cursor.active === i ? 'is-active' : undefined}>
                  <rect
                    className={over ? 'budget-bar-over' : 'budget-bar-spent'}
                    x={x}
                    y={top}
                    width={barWidth}
                    height={Math.max(0, y(0) - top)}
                    fill={over ? `url(#${hatchId})` : undefined}
                  />
                  <line
                    className="budget-level"
                    x1={band * (i + 0.5) - levelWidth / 2}
                    x2={band * (i + 0.5) + levelWidth / 2}
                    y1={y(Math.max(0, allowed(p)))}
                    y2={y(Math.max(0, allowed(p)))}
                  />
                </g>
              );
            })}
          </MoneyPlot>
        )}
      </ChartFocus>
      <p className="chart-legend-note">
        Bars: spent. Level marks: the period&rsquo;s budget with what carried into it. Hatched:
        over.
      </p>
    </ChartPanel>
  );
}
