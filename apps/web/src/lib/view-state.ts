/**
 * The URL is the state of a view: filters, date preset, chart granularity, sort. Reading it goes
 * through the contracts' `TransactionFilter` schema, so a link carries exactly what the API
 * accepts. A bad or stale parameter is dropped (falling back to its default) and reported, never
 * thrown: any link opens something.
 */
import {
  bucketCount,
  DEFAULT_PRESET,
  isDatePreset,
  IsoDate,
  MAX_OVER_TIME_BUCKETS,
  presetRange,
  TransactionFilter,
  type CategoryGrouping,
  type DatePreset,
} from '@outlay/contracts';

export const GRANULARITIES = ['auto', 'day', 'week', 'month'] as const;
export type GranularityChoice = (typeof GRANULARITIES)[number];

/**
 * Whether the chart can group the filter's range by `granularity`: at most
 * MAX_OVER_TIME_BUCKETS points, which the API refuses to exceed. `auto` always fits; an open
 * range (all time, or one end open) is only known to the server, which says no if it must.
 */
export function granularityFits(filter: TransactionFilter, granularity: GranularityChoice) {
  if (granularity === 'auto' || filter.from === undefined || filter.to === undefined) return true;
  return bucketCount(filter.from, filter.to, granularity) <= MAX_OVER_TIME_BUCKETS;
}

export const SORTS = ['date-desc', 'date-asc', 'amount-asc', 'amount-desc'] as const;
export type SortChoice = (typeof SORTS)[number];

/** The rows of the by-category chart: each category, or categories rolled up into their group. */
export const GROUPINGS = ['category', 'group'] as const satisfies readonly CategoryGrouping[];

/** Which dashboard number a drill-down came from, so the transactions view can show it again. */
export const FOCUS_METRICS = ['totalSpend', 'averageMonthlySpend', 'averageTransaction'] as const;
export type FocusMetric = (typeof FOCUS_METRICS)[number];

export interface ViewState {
  /** The date preset, or `null` for a custom range given by `filter.from`/`filter.to`. */
  preset: DatePreset | null;
  /** The API filter; `from`/`to` already resolved from the preset. */
  filter: TransactionFilter;
  granularity: GranularityChoice;
  /** How the by-category chart groups its rows. */
  groupBy: CategoryGrouping;
  sort: SortChoice;
  /**
   * Where the list starts: a date (newest first, its newest row on or before that day; oldest
   * first, its oldest on or after), or `null` for the first row. Only with a date sort.
   */
  startAt: string | null;
  focus: FocusMetric | null;
}

export interface ParsedView {
  state: ViewState;
  /** Human names of the parameters that were ignored ("date range", "amount"…). */
  problems: string[];
}

const FILTER_LABELS: Record<keyof TransactionFilter, string> = {
  from: 'date range',
  to: 'date range',
  categoryIds: 'categories',
  includeUncategorized: 'categories',
  accountIds: 'accounts',
  minAmount: 'amount',
  maxAmount: 'amount',
  search: 'search',
  kind: 'transaction kind',
};

/** Keys that are dropped together: half a date range or half an amount range is a different filter. */
const DROP_TOGETHER: Partial<Record<keyof TransactionFilter, (keyof TransactionFilter)[]>> = {
  from: ['from', 'to'],
  to: ['from', 'to'],
  minAmount: ['minAmount', 'maxAmount'],
  maxAmount: ['minAmount', 'maxAmount'],
};

export function defaultViewState(today: string): ViewState {
  return {
    preset: DEFAULT_PRESET,
    filter: { ...presetRange(DEFAULT_PRESET, today) },
    granularity: 'auto',
    groupBy: 'category',
    sort: 'date-desc',
    startAt: null,
    focus: null,
  };
}

function list(value: string | null): string[] | undefined {
  if (value === null) return undefined;
  return value.split(',').filter((item) => item !== '');
}

function integer(value: string | null): number | string | undefined {
  if (value === null) return undefined;
  return /^\d{1,16}$/.test(value) ? Number(value) : value;
}

function flag(value: string | null): boolean | string | undefined {
  if (value === null) return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return value;
}

/** Reads a view from a query string (with or without the leading `?`). `today` resolves presets. */
export function parseViewSearch(search: string, today: string): ParsedView {
  const params = new URLSearchParams(search);
  const problems = new Set<string>();
  const defaults = defaultViewState(today);

  let preset: DatePreset | null = DEFAULT_PRESET;
  const range = params.get('range');
  const hasDates = params.has('from') || params.has('to');
  if (range !== null) {
    if (isDatePreset(range)) preset = range;
    else problems.add('date range');
    if (hasDates) problems.add('date range');
  } else if (hasDates) {
    preset = null;
  }

  const raw: Record<string, unknown> = {
    from: preset === null ? (params.get('from') ?? undefined) : undefined,
    to: preset === null ? (params.get('to') ?? undefined) : undefined,
    categoryIds: list(params.get('categoryIds')),
    includeUncategorized: flag(params.get('includeUncategorized')),
    accountIds: list(params.get('accountIds')),
    minAmount: integer(params.get('minAmount')),
    maxAmount: integer(params.get('maxAmount')),
    search: params.get('search')?.trim() || undefined,
    kind: params.get('kind') ?? undefined,
  };
  for (const key of Object.keys(raw)) if (raw[key] === undefined) delete raw[key];
  if (Array.isArray(raw.categoryIds) && raw.categoryIds.length === 0) delete raw.categoryIds;
  if (Array.isArray(raw.accountIds) && raw.accountIds.length === 0) delete raw.accountIds;

  // Drop whatever the schema rejects, a few fields at a time, until the rest is valid.
  let filter: TransactionFilter = {};
  for (let attempt = 0; attempt < 12; attempt += 1) {
    const result = TransactionFilter.safeParse(raw);
    if (result.success) {
      filter = result.data;
      break;
    }
    for (const issue of result.error.issues) {
      const key = issue.path[0] as keyof TransactionFilter | undefined;
      if (key === undefined || !(key in FILTER_LABELS)) continue;
      for (const dropped of DROP_TOGETHER[key] ?? [key]) delete raw[dropped];
      problems.add(FILTER_LABELS[key]);
    }
  }

  if (preset === null && filter.from === undefined && filter.to === undefined) {
    // The custom range was rejected: fall back to the default preset.
    preset = DEFAULT_PRESET;
  }
  if (preset !== null) Object.assign(filter, presetRange(preset, today));

  let granularity = oneOf(
    params.get('granularity'),
    GRANULARITIES,
    defaults.granularity,
    'chart granularity',
    problems,
  );
  if (!granularityFits(filter, granularity)) {
    problems.add(
      `chart by ${granularity}, more than ${MAX_OVER_TIME_BUCKETS.toLocaleString('en-US')} points`,
    );
    granularity = defaults.granularity;
  }
  const groupBy = oneOf(
    params.get('groupBy'),
    GROUPINGS,
    defaults.groupBy,
    'chart grouping',
    problems,
  );
  const sort = oneOf(params.get('sort'), SORTS, defaults.sort, 'sort order', problems);
  const at = params.get('at');
  let startAt: string | null = null;
  if (at !== null) {
    if (sort.startsWith('date-') && IsoDate.safeParse(at).success) startAt = at;
    else problems.add('list start date');
  }
  const focusParam = params.get('focus');
  const focus =
    focusParam === null
      ? null
      : oneOf(focusParam, FOCUS_METRICS, null, 'highlighted total', problems);

  return {
    state: { preset, filter: orderedFilter(filter), granularity, groupBy, sort, startAt, focus },
    problems: [...problems],
  };
}

function oneOf<T extends string, D>(
  value: string | null,
  allowed: readonly T[],
  fallback: D,
  label: string,
  problems: Set<string>,
): T | D {
  if (value === null) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  problems.add(label);
  return fallback;
}

/** A filter with its keys in one order, so equal filters make equal query keys and URLs. */
function orderedFilter(filter: TransactionFilter): TransactionFilter {
  const ordered: TransactionFilter = {};
  if (filter.from !== undefined) ordered.from = filter.from;
  if (filter.to !== undefined) ordered.to = filter.to;
  if (filter.categoryIds !== undefined) ordered.categoryIds = [...filter.categoryIds];
  if (filter.includeUncategorized !== undefined)
    ordered.includeUncategorized = filter.includeUncategorized;
  if (filter.accountIds !== undefined) ordered.accountIds = [...filter.accountIds];
  if (filter.minAmount !== undefined) ordered.minAmount = filter.minAmount;
  if (filter.maxAmount !== undefined) ordered.maxAmount = filter.maxAmount;
  if (filter.search !== undefined) ordered.search = filter.search;
  // `all` is the API's default: leaving it out keeps one spelling per filter.
  if (filter.kind !== undefined && filter.kind !== 'all') ordered.kind = filter.kind;
  return ordered;
}

/** Writes a view as a query string (with a leading `?`, or `''` for the defaults). */
export function viewSearch(state: ViewState): string {
  const params = new URLSearchParams();
  const { filter } = state;
  if (state.preset === null) {
    if (filter.from !== undefined) params.set('from', filter.from);
    if (filter.to !== undefined) params.set('to', filter.to);
  } else if (state.preset !== DEFAULT_PRESET) {
    params.set('range', state.preset);
  }
  if (filter.categoryIds?.length) params.set('categoryIds', filter.categoryIds.join(','));
  if (filter.includeUncategorized !== undefined)
    params.set('includeUncategorized', String(filter.includeUncategorized));
  if (filter.accountIds?.length) params.set('accountIds', filter.accountIds.join(','));
  if (filter.minAmount !== undefined) params.set('minAmount', String(filter.minAmount));
  if (filter.maxAmount !== undefined) params.set('maxAmount', String(filter.maxAmount));
  if (filter.search !== undefined) params.set('search', filter.search);
  if (filter.kind !== undefined && filter.kind !== 'all') params.set('kind', filter.kind);
  if (state.granularity !== 'auto') params.set('granularity', state.granularity);
  if (state.groupBy !== 'category') params.set('groupBy', state.groupBy);
  if (state.sort !== 'date-desc') params.set('sort', state.sort);
  if (state.startAt !== null) params.set('at', state.startAt);
  if (state.focus !== null) params.set('focus', state.focus);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * The dashboard's link for a view: same filters, but no kind (every dashboard figure is spend
 * anyway, and the dashboard has no control for it), no highlighted figure, no row order or
 * starting date.
 */
export function dashboardSearch(state: ViewState): string {
  const { kind: _kind, ...filter } = state.filter;
  return viewSearch({ ...state, filter, focus: null, sort: 'date-desc', startAt: null });
}

/** The transactions view's link for a view: the same rows, no highlighted figure. */
export function transactionsSearch(state: ViewState): string {
  return viewSearch({ ...state, focus: null });
}

/** A copy of `state` with a new filter, normalised. */
export function withFilter(state: ViewState, filter: TransactionFilter): ViewState {
  return { ...state, filter: orderedFilter(filter) };
}

/** The filter without the date range, for building a new one. */
export function withoutDates(filter: TransactionFilter): TransactionFilter {
  const { from: _from, to: _to, ...rest } = filter;
  return rest;
}

/** True when nothing beyond the default date preset is set. */
export function isDefaultView(state: ViewState): boolean {
  return (
    viewSearch({
      ...state,
      granularity: 'auto',
      groupBy: 'category',
      sort: 'date-desc',
      startAt: null,
      focus: null,
    }) === ''
  );
}
