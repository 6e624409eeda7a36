/** Each category's share of spend as a donut with a legend; a slice opens that category's transactions. */
import type { CategorySpend } from '@outlay/contracts';
import { Group } from '@visx/group';
import { Pie } from '@visx/shape';
import { useLocation } from 'wouter';
import { categoryHref } from '../lib/drill-down.ts';
import type { Formatters } from '../lib/format.ts';
import { useFormatters } from '../lib/formatters-context.tsx';
import type { ViewState } from '../lib/view-state.ts';
import { DataTable } from '../components/data-table.tsx';
import { shareColumn, spendColumn } from './chart-columns.ts';
import type { CategoryChartProps } from './category-bar-chart.tsx';
import { ChartPanel } from './chart-panel.tsx';
import { ChartFocus, useChartCursor } from './chart-focus.tsx';
import { categoryTooltip } from './chart-tooltip.tsx';

const SIZE = 220;
const THICKNESS = 34;

interface Props extends CategoryChartProps {
  totalSpend: number;
}

export function shareSummary(
  slices: CategorySpend[],
  format: Formatters,
  groupBy: ViewState['groupBy'] = 'category',
): string {
  if (slices.length === 0) return 'No spending matches these filters.';
  const top = slices.slice(0, 3);
  const share = top.reduce((sum, c) => sum + c.share, 0);
  const parts = top.map((c) => `${c.name} ${format.percent(c.share)}`);
  if (slices.length === 1) return `All spend in this view is ${slices[0]!.name}.`;
  return `The top ${top.length} ${groupBy === 'group' ? 'groups' : 'categories'} make up ${format.percent(share)} of spend: ${new Intl.ListFormat(format.locale).format(parts)}.`;
}

export function CategoryDonut({ categories, totalSpend, state, busy, known }: Props) {
  const format = useFormatters();
  const [, navigate] = useLocation();
  // A refund-heavy category can net below zero: it has no slice, but stays in the bar chart.
  const slices = (categories ?? []).filter((c) => c.spendMinor > 0);
  const cursor = useChartCursor(slices, (slice) =>
    navigate(categoryHref(state, slice.categoryId, known)),
  );
  const radius = SIZE / 2;
  const active = cursor.mark;
  const tip = active ? categoryTooltip(active, format) : null;

  return (
    <ChartPanel
      title="Share of spend"
      summary={categories ? shareSummary(slices, format, state.groupBy) : 'Loading…'}
      busy={busy}
      className="donut-panel"
      table={<ShareTable slices={slices} format={format} />}
      loaded={categories !== undefined}
      placeholderHeight={SIZE}
      empty={slices.length === 0}
    >
      <div className="donut-layout">
        <ChartFocus
          className="donut-focus"
          cursor={cursor}
          roleDescription="donut chart"
          label="Share of spend by category. Arrow keys move between categories; Enter shows their transactions."
          tip={tip}
          tipAt={{ left: SIZE / 2, top: SIZE / 2 }}
        >
          <svg
            width={SIZE}
            height={SIZE}
            viewBox={`0 0 ${SIZE} ${SIZE}`}
            className="chart-svg donut-svg"
            aria-hidden="true"
          >
            <Group top={radius} left={radius}>
              <Pie
                data={slices}
                pieValue={(c) => c.spendMinor}
                pieSort={null}
                outerRadius={radius - 4}
                innerRadius={radius - 4 - THICKNESS}
                padAngle={slices.length > 1 ? 0.012 : 0}
                cornerRadius={2}
              >
                {(pie) =>
                  pie.arcs.map((arc, index) => {
                    const isActive = cursor.active === index;
                    return (
                      <path
                        key={arc.data.categoryId ?? 'uncategorized'}
                        d={pie.path(arc) ?? ''}
                        transform={isActive ? 'scale(1.04)' : undefined}
                        fill={arc.data.color}
                        className={isActive ? 'slice is-active' : 'slice'}
                        data-category={arc.data.name}
                        onPointerEnter={() => cursor.hover(index)}
                        onPointerLeave={() => cursor.hover(null)}
                        onClick={() => navigate(categoryHref(state, arc.data.categoryId, known))}
                      />
                    );
                  })
                }
              </Pie>
              <text className="donut-caption" textAnchor="middle" dy="-0.5em">
                {active ? active.name : 'Total spend'}
              </text>
              <text className="donut-total" textAnchor="middle" dy="0.9em">
                {active ? format.percent(active.share) : format.moneyShort(totalSpend)}
              </text>
            </Group>
          </svg>
        </ChartFocus>
        <ul className="legend" aria-hidden="true">
          {slices.slice(0, 8).map((slice, index) => (
            <li
              key={slice.categoryId ?? 'uncategorized'}
              className={cursor.active === index ? 'is-active' : undefined}
              onPointerEnter={() => cursor.hover(index)}
              onPointerLeave={() => cursor.hover(null)}
              onClick={() => navigate(categoryHref(state, slice.categoryId, known))}
            >
              <span className="swatch" style={{ background: slice.color }} />
              <span className="legend-name">{slice.name}</span>
              <span className="legend-value">{format.percent(slice.share)}</span>
            </li>
          ))}
          {slices.length > 8 && (
            <li className="legend-more">+{slices.length - 8} more in the table</li>
          )}
        </ul>
      </div>
    </ChartPanel>
  );
}

function ShareTable({ slices, format }: { slices: CategorySpend[]; format: Formatters }) {
  return (
    <DataTable
      caption="Share of spend by category"
      rows={slices}
      rowKey={(slice) => slice.categoryId ?? 'uncategorized'}
      columns={[
        { key: 'category', header: 'Category', rowHeader: true, cell: (slice) => slice.name },
        shareColumn(format),
        spendColumn(format),
      ]}
    />
  );
}
