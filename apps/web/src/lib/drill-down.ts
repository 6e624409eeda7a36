/**
 * Links from a number on the dashboard to the transactions behind it: the same view with the
 * filter narrowed to exactly the rows that number sums (always `kind: spend`, since every number
 * on the dashboard is spend), and `focus` naming the figure so the transactions view repeats it.
 */
import type { Category, TransactionFilter } from '@outlay/contracts';
import {
  defaultViewState,
  viewSearch,
  withFilter,
  type FocusMetric,
  type ViewState,
} from './view-state.ts';

function transactionsHref(
  state: ViewState,
  filter: TransactionFilter,
  focus: FocusMetric,
  custom = false,
): string {
  const next = withFilter(
    { ...state, preset: custom ? null : state.preset, focus, sort: 'date-desc', startAt: null },
    filter,
  );
  return `/transactions${viewSearch(next)}`;
}

/**
 * The categories a row of the by-category chart sums. By category, just the one. By group, the
 * group and every category in it (archived ones too: their rows still count), since a
 * transaction may use the group itself. The filter has no notion of groups, so the link names
 * them all.
 */
export function rowCategoryIds(
  state: ViewState,
  categoryId: string,
  categories: readonly Category[] | undefined,
): string[] {
  if (state.groupBy !== 'group' || !categories) return [categoryId];
  return [categoryId, ...categories.filter((c) => c.parentId === categoryId).map((c) => c.id)];
}

/**
 * One row of the by-category chart; `null` is "Uncategorized". Pass the category list so a
 * group's row opens the transactions of all its categories.
 */
export function categoryHref(
  state: ViewState,
  categoryId: string | null,
  categories?: readonly Category[],
): string {
  const { categoryIds: _ids, includeUncategorized: _uncategorized, ...rest } = state.filter;
  const filter: TransactionFilter =
    categoryId === null
      ? { ...rest, includeUncategorized: true, kind: 'spend' }
      : { ...rest, categoryIds: rowCategoryIds(state, categoryId, categories), kind: 'spend' };
  return transactionsHref(state, filter, 'totalSpend');
}

/** One bucket of the over-time chart: its dates, already clipped to the range by the API. */
export function bucketHref(state: ViewState, bucket: { from: string; to: string }): string {
  return transactionsHref(
    state,
    { ...state.filter, from: bucket.from, to: bucket.to, kind: 'spend' },
    'totalSpend',
    true,
  );
}

/** A metric card: the same filter, spend only. */
export function metricHref(state: ViewState, metric: FocusMetric): string {
  return transactionsHref(state, { ...state.filter, kind: 'spend' }, metric);
}

/**
 * A budget's period: the transactions its spent sums — the category (or the group and every
 * category in it, as the API counts a group budget), spend only, the period's dates.
 */
export function budgetHref(
  today: string,
  budget: { categoryId: string | null; groupId: string | null },
  period: { from: string; to: string },
  categories: readonly Category[] | undefined,
): string {
  const categoryIds =
    budget.groupId !== null
      ? [
          budget.groupId,
          ...(categories ?? []).filter((c) => c.parentId === budget.groupId).map((c) => c.id),
        ]
      : [budget.categoryId!];
  return transactionsHref(
    defaultViewState(today),
    { from: period.from, to: period.to, categoryIds, kind: 'spend' },
    'totalSpend',
    true,
  );
}
