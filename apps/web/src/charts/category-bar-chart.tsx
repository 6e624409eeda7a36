/** Spend by category as horizontal bars, largest first; a bar opens that category's transactions. */
import type { Category, CategoryGrouping, CategorySpend } from '@outlay/contracts';
import { Bar } from '@visx/shape';
import { Link, useLocation } from 'wouter';
import { categoryHref } from '../lib/drill-down.ts';
import type { Formatters } from '../lib/format.ts';
import { useFormatters } from '../lib/formatters-context.tsx';
import { linearScale, valueExtent } from '../lib/linear-scale.ts';
import type { ViewState } from '../lib/view-state.ts';
import { optionsOf } from '../components/select-field.tsx';
import { DataTable } from '../components/data-table.tsx';
import { spendColumn, shareColumn, transactionsColumn } from './chart-columns.ts';
import { ChartPanel, SegmentedChoice } from './chart-panel.tsx';
import { ChartFocus, useChartCursor, useChartWidth } from './chart-focus.tsx';
import { categoryTooltip } from './chart-tooltip.tsx';

const ROW = 34;
const BAR = 20;

/** What both category charts (these bars and the donut) are drawn from. */
export interface CategoryChartProps {
  /** Undefined until the first answer arrives. */
  categories: CategorySpend[] | undefined;
  state: ViewState;
  busy: boolean;
  /** The category list, so a group's bar or slice opens the transactions of all its categories. */
  known: readonly Category[] | undefined;
}

interface Props extends CategoryChartProps {
  onGroupBy: (groupBy: CategoryGrouping) => void;
}

const GROUPING_LABELS: Record<CategoryGrouping, string> = {
  category: 'Categories',
  group: 'Groups',
};

export function categorySummary(
  categories: CategorySpend[],
  format: Formatters,
  groupBy: CategoryGrouping = 'category',
): string {
  const [first, second, third] = categories;
  if (!first) return 'No spending matches these filters.';
  const [one, many] = groupBy === 'group' ? ['group', 'groups'] : ['category', 'categories'];
  const rest = [second, third]
    .filter((c): c is CategorySpend => c !== undefined)
    .map((c) => `${c.name} (${format.money(c.spendMinor)})`);
  const lead = `${first.name} is the largest ${one} at ${format.money(first.spendMinor)}, ${format.percent(first.share)} of spend`;
  const follow =
    rest.length > 0 ? `, followed by ${new Intl.ListFormat(format.locale).format(rest)}` : '';
  return `${lead}${follow}. ${format.countOf(categories.length, one, many)} in all.`;
}

export function CategoryBarChart({ categories: loaded, state, busy, known, onGroupBy }: Props) {
  const format = useFormatters();
  const categories = loaded ?? [];
  const [, navigate] = useLocation();
  const { parentRef, width } = useChartWidth();
  const cursor = useChartCursor(categories, (category) =>
    navigate(categoryHref(state, category.categoryId, known)),
  );

  const height = Math.max(categories.length, 1) * ROW + 4;
  const labelWidth = Math.min(150, Math.max(90, width * 0.3));
  const valueWidth = 96;
  const plotWidth = Math.max(width - labelWidth - valueWidth, 10);
  const x = linearScale(
    valueExtent(
      categories.map((c) => c.spendMinor),
      0,
      1,
    ),
    [0, plotWidth],
  );
  const active = cursor.mark;
  const tip = active ? categoryTooltip(active, format) : null;

  const switcher = (
    <SegmentedChoice
      label="Show spend by"
      name="groupBy"
      value={state.groupBy}
      onChange={onGroupBy}
      choices={optionsOf(GROUPING_LABELS)}
    />
  );

  return (
    <ChartPanel
      title="Spend by category"
      summary={loaded ? categorySummary(categories, format, state.groupBy) : 'Loading…'}
      actions={switcher}
      busy={busy}
      table={<CategoryTable categories={categories} state={state} format={format} known={known} />}
      loaded={loaded !== undefined}
      placeholderHeight={6 * ROW}
      empty={categories.length === 0}
    >
      <ChartFocus
        ref={parentRef}
        cursor={cursor}
        roleDescription="bar chart"
        label="Spend by category. Arrow keys move between categories; Enter shows their transactions."
        tip={tip}
        tipAt={
          active && cursor.active !== null
            ? {
                left: labelWidth + x(Math.max(0, active.spendMinor)) - 20,
                top: cursor.active * ROW + ROW / 2,
              }
            : null
        }
      >
        {width > 0 && (
          <svg width={width} height={height} className="chart-svg" aria-hidden="true">
            {categories.map((category, index) => {
              const y = index * ROW;
              const x0 = x(Math.min(0, category.spendMinor));
              const x1 = x(Math.max(0, category.spendMinor));
              const isActive = cursor.active === index;
              return (
                <g
                  key={category.categoryId ?? 'uncategorized'}
                  transform={`translate(0, ${y})`}
                  className={isActive ? 'bar-row is-active' : 'bar-row'}
                  data-category={category.name}
                  onPointerEnter={() => cursor.hover(index)}
                  onPointerLeave={() => cursor.hover(null)}
                  onClick={() => cursor.open(index)}
                >
                  <rect className="bar-row-bg" x={0} y={0} width={width} height={ROW} rx={6} />
                  <text
                    className="bar-label"
                    x={labelWidth - 10}
                    y={ROW / 2}
                    dy="0.35em"
                    textAnchor="end"
                  >
                    {truncate(category.name, Math.floor(labelWidth / 7.5))}
                  </text>
                  <Bar
                    x={labelWidth + x0}
                    y={(ROW - BAR) / 2}
                    width={Math.max(x1 - x0, 2)}
                    height={BAR}
                    rx={4}
                    fill={category.color}
                  />
                  <text className="bar-value" x={labelWidth + x1 + 8} y={ROW / 2} dy="0.35em">
                    {format.moneyShort(category.spendMinor)}
                  </text>
                </g>
              );
            })}
          </svg>
        )}
      </ChartFocus>
    </ChartPanel>
  );
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(max - 1, 1))}…`;
}

function CategoryTable({
  categories,
  state,
  format,
  known,
}: {
  categories: CategorySpend[];
  state: ViewState;
  format: Formatters;
  known: readonly Category[] | undefined;
}) {
  return (
    <DataTable
      caption="Spend by category"
      rows={categories}
      rowKey={(category) => category.categoryId ?? 'uncategorized'}
      columns={[
        {
          key: 'category',
          header: state.groupBy === 'group' ? 'Group' : 'Category',
          rowHeader: true,
          cell: (category) => (
            <Link href={categoryHref(state, category.categoryId, known)}>{category.name}</Link>
          ),
        },
        spendColumn(format),
        shareColumn(format),
        transactionsColumn(format),
      ]}
    />
  );
}
