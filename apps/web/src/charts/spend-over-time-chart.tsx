/**
 * Spend over time as an area under a line, one point per day, ISO week or month (the API picks
 * with `auto`; the switch overrides, and offers only what the range allows). A point opens the
 * transactions of that bucket. A week or month the range cuts short (the one in progress, or one
 * the range starts or ends inside) is partial: drawn dashed with a hollow point, marked in the
 * tooltip and the table, and never called the highest or lowest.
 */
import {
  isWholeBucket,
  MAX_OVER_TIME_BUCKETS,
  type OverTime,
  type OverTimeBucket,
} from '@outlay/contracts';
import { curveMonotoneX } from '@visx/curve';
import { Area, Line, LinePath } from '@visx/shape';
import { useId, type MouseEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { bucketHref } from '../lib/drill-down.ts';
import type { Formatters } from '../lib/format.ts';
import { useFormatters } from '../lib/formatters-context.tsx';
import { linearScale } from '../lib/linear-scale.ts';
import { GRANULARITIES, type GranularityChoice, type ViewState } from '../lib/view-state.ts';
import { DataTable } from '../components/data-table.tsx';
import { spendColumn, transactionsColumn } from './chart-columns.ts';
import { ChartPanel, SegmentedChoice } from './chart-panel.tsx';
import { MoneyPlot, moneyPlotLayout } from './money-plot.tsx';
import { ChartFocus, useChartCursor, useChartWidth } from './chart-focus.tsx';
import type { TooltipContent } from './chart-tooltip.tsx';

const HEIGHT = 260;
const WIDE_MARGIN = { top: 16, right: 16, bottom: 34, left: 64 };
const NARROW_MARGIN = { top: 16, right: 12, bottom: 34, left: 44 };

const GRANULARITY_LABELS: Record<GranularityChoice, string> = {
  auto: 'Auto',
  day: 'Day',
  week: 'Week',
  month: 'Month',
};

const UNIT: Record<OverTime['granularity'], string> = { day: 'day', week: 'week', month: 'month' };

interface Props {
  overTime: OverTime | undefined;
  state: ViewState;
  onGranularity: (granularity: GranularityChoice) => void;
  /** The choices this range allows (at most MAX_OVER_TIME_BUCKETS points). */
  allowed: (granularity: GranularityChoice) => boolean;
  busy: boolean;
}

/** Edge labels hang inwards so they are not cut off at the chart's sides. */
function xTickAnchor(index: number, count: number): 'start' | 'middle' | 'end' {
  if (count > 1 && index === 0) return 'start';
  if (count > 1 && index === count - 1) return 'end';
  return 'middle';
}

export function bucketLabel(
  bucket: OverTimeBucket,
  granularity: OverTime['granularity'],
  format: Formatters,
): string {
  if (granularity === 'day') return format.date(bucket.from);
  if (granularity === 'month' && isWholeBucket(bucket, 'month')) return format.month(bucket.bucket);
  return format.range(bucket.from, bucket.to);
}

/** "Nov 1 – 21, 2025 (partial month)" where the range cuts the bucket short. */
function bucketName(
  bucket: OverTimeBucket,
  granularity: OverTime['granularity'],
  format: Formatters,
): string {
  const label = bucketLabel(bucket, granularity, format);
  return isWholeBucket(bucket, granularity) ? label : `${label} (partial ${UNIT[granularity]})`;
}

function tooltipFor(
  bucket: OverTimeBucket,
  granularity: OverTime['granularity'],
  format: Formatters,
): TooltipContent {
  return {
    title: bucketLabel(bucket, granularity, format),
    amount: format.money(bucket.spendMinor),
    details: [
      format.countOf(bucket.transactionCount, 'transaction'),
      ...(isWholeBucket(bucket, granularity) ? [] : [`Partial ${UNIT[granularity]}`]),
    ],
  };
}

/**
 * The chart in words. Highest, lowest and the average compare whole buckets only: a partial
 * week or month holds fewer days' spending, so it is named as partial instead.
 */
export function overTimeSummary(overTime: OverTime | undefined, format: Formatters): string {
  const buckets = overTime?.buckets ?? [];
  if (!overTime || buckets.length === 0) return 'No spending matches these filters.';
  const g = overTime.granularity;
  const unit = UNIT[g];
  const first = buckets[0]!;
  const last = buckets[buckets.length - 1]!;
  const whole = buckets.filter((bucket) => isWholeBucket(bucket, g));
  const partial = buckets.filter((bucket) => !isWholeBucket(bucket, g));
  const span = `Spend per ${unit} from ${format.date(first.from)} to ${format.date(last.to)}, ${format.countOf(buckets.length, unit)}`;
  const partialNote =
    partial.length === 0
      ? ''
      : ` (${new Intl.ListFormat(format.locale).format(partial.map((b) => bucketLabel(b, g, format)))} ${partial.length === 1 ? 'is' : 'are'} partial)`;
  if (whole.length === 0) return `${span}${partialNote}.`;
  let high = whole[0]!;
  let low = whole[0]!;
  let total = 0;
  for (const bucket of whole) {
    if (bucket.spendMinor > high.spendMinor) high = bucket;
    if (bucket.spendMinor < low.spendMinor) low = bucket;
    total += bucket.spendMinor;
  }
  if (whole.length === 1) {
    return `${span}${partialNote}: ${bucketLabel(high, g, format)} ${format.money(high.spendMinor)}.`;
  }
  const average = Math.round(total / whole.length);
  const over = partial.length > 0 ? ` whole ${unit}` : ` ${unit}`;
  return (
    `${span}${partialNote}: ` +
    `highest ${bucketLabel(high, g, format)} (${format.money(high.spendMinor)}), ` +
    `lowest ${bucketLabel(low, g, format)} (${format.money(low.spendMinor)}), ` +
    `about ${format.money(average)} per${over} on average.`
  );
}

export function SpendOverTimeChart({ overTime, state, onGranularity, allowed, busy }: Props) {
  const format = useFormatters();
  const [, navigate] = useLocation();
  const gradientId = useId().replace(/:/g, '');
  const { parentRef, width } = useChartWidth();
  const buckets = overTime?.buckets ?? [];
  const granularity = overTime?.granularity ?? 'month';
  const cursor = useChartCursor(buckets, (bucket) => navigate(bucketHref(state, bucket)));

  const margin = width < 520 ? NARROW_MARGIN : WIDE_MARGIN;
  const layout = moneyPlotLayout({
    width,
    height: HEIGHT,
    margin,
    amounts: buckets.map((b) => b.spendMinor),
    format,
  });
  const { width: innerWidth, height: innerHeight } = layout.plot;
  const { y } = layout.scale;
  const n = buckets.length;
  const x = linearScale(n > 1 ? [0, n - 1] : [-0.5, 0.5], [0, innerWidth]);
  const tickCount = Math.max(2, Math.min(n, Math.floor(innerWidth / 90)));
  const step = Math.max(1, Math.ceil(n / tickCount));
  const xTicks = buckets.map((_, i) => i).filter((i) => i % step === 0);
  // Partial buckets can only be at the ends: the solid line runs between the whole ones.
  let firstWhole = -1;
  let lastWhole = -1;
  buckets.forEach((bucket, i) => {
    if (!isWholeBucket(bucket, granularity)) return;
    if (firstWhole === -1) firstWhole = i;
    lastWhole = i;
  });
  const segments: { from: number; to: number; partial: boolean }[] =
    firstWhole === -1
      ? [{ from: 0, to: n - 1, partial: true }]
      : [
          ...(firstWhole > 0 ? [{ from: 0, to: firstWhole, partial: true }] : []),
          { from: firstWhole, to: lastWhole, partial: false },
          ...(lastWhole < n - 1 ? [{ from: lastWhole, to: n - 1, partial: true }] : []),
        ];
  const hasPartial = firstWhole !== 0 || lastWhole !== n - 1;
  const tickLabel = (index: number) => {
    const bucket = buckets[index];
    if (!bucket) return '';
    return granularity === 'month' ? format.month(bucket.bucket) : format.dayMonth(bucket.from);
  };

  function indexAt(event: MouseEvent<SVGRectElement>): number {
    const rect = event.currentTarget.getBoundingClientRect();
    const index = Math.round(x.invert(event.clientX - rect.left));
    return Math.max(0, Math.min(n - 1, index));
  }

  const active = cursor.mark;
  const tip = active ? tooltipFor(active, granularity, format) : null;

  const switcher = (
    <SegmentedChoice
      label="Group spend by"
      name="granularity"
      value={state.granularity}
      onChange={onGranularity}
      choices={GRANULARITIES.map((choice) => ({
        value: choice,
        label: GRANULARITY_LABELS[choice],
        disabledNote: allowed(choice)
          ? undefined
          : `more than ${format.count(MAX_OVER_TIME_BUCKETS)} points for this range`,
      }))}
    />
  );

  return (
    <ChartPanel
      title="Spend over time"
      summary={overTime ? overTimeSummary(overTime, format) : 'Loading…'}
      actions={switcher}
      busy={busy}
      className="over-time"
      table={
        <BucketTable buckets={buckets} granularity={granularity} state={state} format={format} />
      }
      loaded={overTime !== undefined}
      placeholderHeight={HEIGHT}
      empty={n === 0}
    >
      <ChartFocus
        ref={parentRef}
        cursor={cursor}
        roleDescription="line chart"
        label={`Spend per ${UNIT[granularity]}. Arrow keys move between ${UNIT[granularity]}s; Enter shows their transactions.`}
        tip={tip}
        tipAt={
          active && cursor.active !== null
            ? { left: margin.left + x(cursor.active), top: margin.top + y(active.spendMinor) }
            : null
        }
      >
        {width > 0 && (
          <MoneyPlot
            layout={layout}
            xLabels={xTicks.map((index) => ({
              key: index,
              x: x(index),
              text: tickLabel(index),
              anchor: xTickAnchor(index, n),
              mark: true,
            }))}
            cursor={cursor}
            indexAt={indexAt}
            defs={
              <linearGradient id={gradientId} x1="0" x2="0" y1="0" y2="1">
                <stop offset="0%" stopColor="var(--chart-line)" stopOpacity={0.28} />
                <stop offset="100%" stopColor="var(--chart-line)" stopOpacity={0.02} />
              </linearGradient>
            }
          >
            <Area
              data={buckets}
              x={(_, i) => x(i)}
              y0={innerHeight}
              y1={(b) => y(b.spendMinor)}
              curve={curveMonotoneX}
              fill={`url(#${gradientId})`}
            />
            {segments.map((segment) => (
              <LinePath
                key={`${segment.from}-${segment.to}`}
                data={buckets.slice(segment.from, segment.to + 1)}
                x={(_, i) => x(segment.from + i)}
                y={(b) => y(b.spendMinor)}
                curve={curveMonotoneX}
                className={segment.partial ? 'series-line is-partial' : 'series-line'}
              />
            ))}
            {buckets.map((bucket, i) =>
              n <= 40 || !isWholeBucket(bucket, granularity) ? (
                <circle
                  key={bucket.bucket}
                  className={
                    isWholeBucket(bucket, granularity) ? 'series-dot' : 'series-dot is-partial'
                  }
                  cx={x(i)}
                  cy={y(bucket.spendMinor)}
                  r={isWholeBucket(bucket, granularity) ? 2.5 : 3.5}
                />
              ) : null,
            )}
            {active && cursor.active !== null && (
              <g className="cursor">
                <Line
                  from={{ x: x(cursor.active), y: 0 }}
                  to={{ x: x(cursor.active), y: innerHeight }}
                />
                <circle cx={x(cursor.active)} cy={y(active.spendMinor)} r={5} />
              </g>
            )}
          </MoneyPlot>
        )}
      </ChartFocus>
      {hasPartial && (
        <p className="chart-legend-note">
          <svg viewBox="0 0 24 8" aria-hidden="true" className="partial-key">
            <line x1="0" x2="24" y1="4" y2="4" />
          </svg>{' '}
          Dashed: a partial {UNIT[granularity]}, which the range covers only in part.
        </p>
      )}
    </ChartPanel>
  );
}

function BucketTable({
  buckets,
  granularity,
  state,
  format,
}: {
  buckets: OverTimeBucket[];
  granularity: OverTime['granularity'];
  state: ViewState;
  format: Formatters;
}) {
  return (
    <DataTable
      caption={`Spend per ${UNIT[granularity]}`}
      rows={buckets}
      rowKey={(bucket) => bucket.bucket}
      columns={[
        {
          key: 'bucket',
          header: granularity === 'day' ? 'Day' : granularity === 'week' ? 'Week' : 'Month',
          rowHeader: true,
          cell: (bucket) => (
            <Link href={bucketHref(state, bucket)}>{bucketName(bucket, granularity, format)}</Link>
          ),
        },
        spendColumn(format),
        transactionsColumn(format),
      ]}
    />
  );
}
