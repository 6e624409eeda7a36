/**
 * The queries one dashboard view sends: the web app asks them (one batched request per view)
 * and the bench replays exactly them, so what is measured is what a person's browser sends.
 * The category list (asked once, cached for minutes) and the "is the account empty?" summary
 * (asked only when a view has no rows) are not part of a view.
 */
import { previousRange, type ClosedRange } from './date-presets.ts';
import type { TransactionFilter } from './filter.ts';
import type { CategoryGrouping, MetricsInput, OverTimeInput } from './metrics.ts';

export interface DashboardView {
  filter: TransactionFilter;
  granularity: OverTimeInput['granularity'];
  /** How the by-category chart rows are grouped; `category` when left out. */
  groupBy?: CategoryGrouping;
}

export interface DashboardQueries {
  /** The period the figures are compared with (`previousRange`), or `null` for none. */
  previousRange: ClosedRange | null;
  summary: MetricsInput;
  /** `groupBy` is present only for `group`, so the default view asks exactly what it always did. */
  byCategory: MetricsInput & { groupBy?: CategoryGrouping };
  overTime: OverTimeInput;
  /**
   * The previous period's summary and categories; `null` when there is no previous period. Always
   * by category: the cards compare the top categories, whatever the chart groups by.
   */
  previousSummary: MetricsInput | null;
  previousByCategory: MetricsInput | null;
}

/** Which procedure answers each query, in the order the dashboard asks them. */
export const DASHBOARD_PROCEDURES = {
  summary: 'metrics.summary',
  byCategory: 'metrics.byCategory',
  overTime: 'metrics.overTime',
  previousSummary: 'metrics.summary',
  previousByCategory: 'metrics.byCategory',
} as const satisfies Record<Exclude<keyof DashboardQueries, 'previousRange'>, string>;

export function dashboardQueries(view: DashboardView): DashboardQueries {
  const { filter, granularity, groupBy = 'category' } = view;
  const previous = previousRange(filter);
  const previousFilter = previous ? { filter: { ...filter, ...previous } } : null;
  return {
    previousRange: previous,
    summary: { filter },
    byCategory: groupBy === 'group' ? { filter, groupBy } : { filter },
    overTime: { filter, granularity },
    previousSummary: previousFilter,
    previousByCategory: previousFilter,
  };
}

/** The view's queries as `[procedure, input]` pairs, in order: one batch, as the browser sends it. */
export function dashboardBatch(view: DashboardView): [procedure: string, input: unknown][] {
  const queries = dashboardQueries(view);
  const batch: [string, unknown][] = [];
  for (const [key, procedure] of Object.entries(DASHBOARD_PROCEDURES)) {
    const input = queries[key as keyof typeof DASHBOARD_PROCEDURES];
    if (input !== null) batch.push([procedure, input]);
  }
  return batch;
}
