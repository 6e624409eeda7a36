/**
 * Spend over time as an area under a line, one point per day, ISO week or month (the API picks
 * with `auto`; the switch overrides). A point opens the transactions of that bucket.
 */
import type { OverTime, OverTimeBucket } from '@outlay/contracts';
import { curveMonotoneX } from '@visx/curve';
import { Group } from '@visx/group';
import { useParentSize } from '@visx/responsive';
import { Area, Line, LinePath } from '@visx/shape';
import { useId, type MouseEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { endOfMonth } from '@outlay/contracts';
import { bucketHref } from '../lib/drill-down.ts';
import type { Formatters } from '../lib/format.ts';
import { useFormatters } from '../lib/formatters-context.tsx';
import { linearScale } from '../lib/linear-scale.ts';
import { GRANULARITIES, type GranularityChoice, type ViewState } from '../lib/view-state.ts';
import { ChartPanel, LiveLabel, useChartCursor } from './chart-panel.tsx';
import { announce, ChartTooltip, type TooltipContent } from './chart-tooltip.tsx';

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
  if (
    granularity === 'month' &&
    bucket.from === bucket.bucket &&
    bucket.to === endOfMonth(bucket.bucket)
  ) {
    return format.month(bucket.bucket);
  }
  return format.range(bucket.from, bucket.to);
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
      `${format.count(bucket.transactionCount)} transaction${bucket.transactionCount === 1 ? '' : 's'}`,
    ],
  };
}

export function overTimeSummary(overTime: OverTime | undefined, format: Formatters): string {
  const buckets = overTime?.buckets ?? [];
  if (!overTime || buckets.length === 0) return 'No spending matches these filters.';
  const unit = UNIT[overTime.granularity];
  let high = buckets[0]!;
  let low = buckets[0]!;
  let total = 0;
  for (const bucket of buckets) {
    if (bucket.spendMinor > high.spendMinor) high = bucket;
    if (bucket.spendMinor < low.spendMinor) low = bucket;
    total += bucket.spendMinor;
  }
  const g = overTime.granularity;
  const first = buckets[0]!;
  const last = buckets[buckets.length - 1]!;
  const average = Math.round(total / buckets.length);
  return (
    `Spend per ${unit} from ${format.date(first.from)} to ${format.date(last.to)}, ${format.count(buckets.length)} ${unit}s: ` +
    `highest ${bucketLabel(high, g, format)} (${format.money(high.spendMinor)}), ` +
    `lowest ${bucketLabel(low, g, format)} (${format.money(low.spendMinor)}), ` +
    `about ${format.money(average)} per ${unit} on average.`
  );
}

export function SpendOverTimeChart({ overTime, state, onGranularity, busy }: Props) {
  const format = useFormatters();
  const [, navigate] = useLocation();
  const gradientId = useId().replace(/:/g, '');
  const { parentRef, width } = useParentSize({
    debounceTime: 30,
    ignoreDimensions: ['height', 'top', 'left'],
  });
  const buckets = overTime?.buckets ?? [];
  const granularity = overTime?.granularity ?? 'month';
  const cursor = useChartCursor(buckets.length, (index) => {
    const bucket = buckets[index];
    if (bucket) navigate(bucketHref(state, bucket));
  });

  const margin = width < 520 ? NARROW_MARGIN : WIDE_MARGIN;
  const innerWidth = Math.max(width - margin.left - margin.right, 10);
  const innerHeight = HEIGHT - margin.top - margin.bottom;
  const n = buckets.length;
  const x = linearScale(n > 1 ? [0, n - 1] : [-0.5, 0.5], [0, innerWidth]);
  const values = buckets.map((b) => b.spendMinor);
  // An all-zero period still gets a readable axis: zero to one major unit.
  const y = linearScale(
    [Math.min(0, ...values), Math.max(10 ** format.digits, ...values)],
    [innerHeight, 0],
    {
      nice: 4,
      integer: true,
    },
  );
  const yTicks = y.ticks(4);
  const tickCount = Math.max(2, Math.min(n, Math.floor(innerWidth / 90)));
  const step = Math.max(1, Math.ceil(n / tickCount));
  const xTicks = buckets.map((_, i) => i).filter((i) => i % step === 0);
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

  const active = cursor.active === null ? undefined : buckets[cursor.active];
  const tip = active ? tooltipFor(active, granularity, format) : null;

  const switcher = (
    <div className="segmented" role="radiogroup" aria-label="Group spend by">
      {GRANULARITIES.map((choice) => (
        <label
          key={choice}
          className={state.granularity === choice ? 'segment is-selected' : 'segment'}
        >
          <input
            type="radio"
            name="granularity"
            value={choice}
            checked={state.granularity === choice}
            onChange={() => onGranularity(choice)}
          />
          <span>{GRANULARITY_LABELS[choice]}</span>
        </label>
      ))}
    </div>
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
    >
      {!overTime ? (
        <div className="chart-skeleton" style={{ height: HEIGHT }} aria-hidden="true" />
      ) : n === 0 ? (
        <p className="chart-empty">No spending in this view.</p>
      ) : (
        <div
          className="chart-focus"
          ref={parentRef}
          role="group"
          aria-roledescription="line chart"
          aria-label={`Spend per ${UNIT[granularity]}. Arrow keys move between ${UNIT[granularity]}s; Enter shows their transactions.`}
          {...cursor.keyboardProps}
        >
          {width > 0 && (
            <svg width={width} height={HEIGHT} className="chart-svg" aria-hidden="true">
              <defs>
                <linearGradient id={gradientId} x1="0" x2="0" y1="0" y2="1">
                  <stop offset="0%" stopColor="var(--chart-line)" stopOpacity={0.28} />
                  <stop offset="100%" stopColor="var(--chart-line)" stopOpacity={0.02} />
                </linearGradient>
              </defs>
              <Group left={margin.left} top={margin.top}>
                {yTicks.map((tick) => (
                  <line
                    key={tick}
                    className="grid-line"
                    x1={0}
                    x2={innerWidth}
                    y1={y(tick)}
                    y2={y(tick)}
                  />
                ))}
                <Area
                  data={buckets}
                  x={(_, i) => x(i)}
                  y0={innerHeight}
                  y1={(b) => y(b.spendMinor)}
                  curve={curveMonotoneX}
                  fill={`url(#${gradientId})`}
                />
                <LinePath
                  data={buckets}
                  x={(_, i) => x(i)}
                  y={(b) => y(b.spendMinor)}
                  curve={curveMonotoneX}
                  className="series-line"
                />
                {n <= 40 &&
                  buckets.map((bucket, i) => (
                    <circle
                      key={bucket.bucket}
                      className="series-dot"
                      cx={x(i)}
                      cy={y(bucket.spendMinor)}
                      r={2.5}
                    />
                  ))}
                {active && cursor.active !== null && (
                  <g className="cursor">
                    <Line
                      from={{ x: x(cursor.active), y: 0 }}
                      to={{ x: x(cursor.active), y: innerHeight }}
                    />
                    <circle cx={x(cursor.active)} cy={y(active.spendMinor)} r={5} />
                  </g>
                )}
                <g className="axis" aria-hidden="true">
                  {yTicks.map((tick) => (
                    <text
                      key={tick}
                      className="axis-label"
                      x={-8}
                      y={y(tick)}
                      dy="0.33em"
                      textAnchor="end"
                    >
                      {format.moneyCompact(tick)}
                    </text>
                  ))}
                  <line x1={0} x2={innerWidth} y1={innerHeight} y2={innerHeight} />
                  {xTicks.map((index) => (
                    <g key={index} transform={`translate(${x(index)}, ${innerHeight})`}>
                      <line y2={5} />
                      <text className="axis-label" y={18} textAnchor={xTickAnchor(index, n)}>
                        {tickLabel(index)}
                      </text>
                    </g>
                  ))}
                </g>
                <rect
                  className="hit-area"
                  x={0}
                  y={0}
                  width={innerWidth}
                  height={innerHeight}
                  onPointerMove={(event) => cursor.hover(indexAt(event))}
                  onPointerLeave={() => cursor.hover(null)}
                  onClick={(event) => {
                    const bucket = buckets[indexAt(event)];
                    if (bucket) navigate(bucketHref(state, bucket));
                  }}
                />
              </Group>
            </svg>
          )}
          {tip && active && cursor.active !== null && (
            <ChartTooltip
              left={margin.left + x(cursor.active)}
              top={margin.top + y(active.spendMinor)}
              content={tip}
              fromKeyboard={cursor.fromKeyboard}
            />
          )}
          <LiveLabel text={tip && cursor.fromKeyboard ? announce(tip) : null} />
        </div>
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
    <table className="data-table">
      <caption className="visually-hidden">Spend per {UNIT[granularity]}</caption>
      <thead>
        <tr>
          <th scope="col">
            {granularity === 'day' ? 'Day' : granularity === 'week' ? 'Week' : 'Month'}
          </th>
          <th scope="col" className="num">
            Spend
          </th>
          <th scope="col" className="num">
            Transactions
          </th>
        </tr>
      </thead>
      <tbody>
        {buckets.map((bucket) => (
          <tr key={bucket.bucket}>
            <th scope="row">
              <Link href={bucketHref(state, bucket)}>
                {bucketLabel(bucket, granularity, format)}
              </Link>
            </th>
            <td className="num">{format.money(bucket.spendMinor)}</td>
            <td className="num">{format.count(bucket.transactionCount)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
