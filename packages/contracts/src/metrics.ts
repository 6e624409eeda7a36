import { z } from 'zod';
import { Count, IsoDate, Uuid } from './dates.ts';
import { TransactionFilter } from './filter.ts';
import { MAX_CATEGORIES } from './category.ts';
import { CurrencyCode, MinorUnits } from './money.ts';

export const MetricsInput = z.strictObject({
  filter: TransactionFilter.default({}),
});
export type MetricsInput = z.infer<typeof MetricsInput>;

/** `category`: each category its own row; `group`: categories rolled up into their group. */
export const CategoryGrouping = z.enum(['category', 'group']);
export type CategoryGrouping = z.infer<typeof CategoryGrouping>;

export const ByCategoryInput = z.strictObject({
  filter: TransactionFilter.default({}),
  groupBy: CategoryGrouping.default('category'),
});
export type ByCategoryInput = z.infer<typeof ByCategoryInput>;

export const Granularity = z.enum(['day', 'week', 'month']);
export type Granularity = z.infer<typeof Granularity>;

/**
 * The most buckets one `metrics.overTime` answer may hold: every month of the date domain fits,
 * and so do about six and a half years by day. `auto` always fits (it picks months beyond 26
 * weeks); an explicit granularity that would need more is refused, naming this limit.
 */
export const MAX_OVER_TIME_BUCKETS = 2_500;

export const OverTimeInput = z.strictObject({
  filter: TransactionFilter.default({}),
  granularity: z.enum(['day', 'week', 'month', 'auto']).default('auto'),
});
export type OverTimeInput = z.infer<typeof OverTimeInput>;

/** One category's spend. `categoryId: null` is the "Uncategorized" row. */
export const CategorySpend = z.object({
  categoryId: Uuid.nullable(),
  name: z.string(),
  color: z.string(),
  spendMinor: MinorUnits,
  /** Number of spend entries (refunds included; each line of a split counts) behind `spendMinor`. */
  transactionCount: Count,
  /** `spendMinor / totalSpend`, 0 when total spend is not positive. */
  share: z.number(),
});
export type CategorySpend = z.infer<typeof CategorySpend>;

export const MetricsSummary = z.object({
  currency: CurrencyCode,
  totalSpend: MinorUnits,
  totalIncome: MinorUnits,
  /** totalIncome − totalSpend. */
  net: MinorUnits,
  /** Spend entries with a negative amount (refunds are not purchases; each split line counts). */
  purchaseCount: Count,
  /** Every entry matching the filter, whatever its kind: the rows `transactions.list` lists. */
  transactionCount: Count,
  averageTransaction: MinorUnits,
  averageMonthlySpend: MinorUnits,
  /** Calendar months the range touches; the divisor of `averageMonthlySpend`. */
  months: Count,
  /** The range the figures cover: the filter's, or first to last spend date. */
  rangeFrom: IsoDate.nullable(),
  rangeTo: IsoDate.nullable(),
  topCategories: z.array(CategorySpend).max(5),
});
export type MetricsSummary = z.infer<typeof MetricsSummary>;

export const OverTimeBucket = z.object({
  /** First day of the bucket (Monday for weeks, the 1st for months). */
  bucket: IsoDate,
  /** The bucket clipped to the range: drilling into it filters exactly these dates. */
  from: IsoDate,
  to: IsoDate,
  spendMinor: MinorUnits,
  transactionCount: Count,
});
export type OverTimeBucket = z.infer<typeof OverTimeBucket>;

export const OverTime = z.object({
  currency: CurrencyCode,
  granularity: Granularity,
  buckets: z.array(OverTimeBucket).max(MAX_OVER_TIME_BUCKETS),
});
export type OverTime = z.infer<typeof OverTime>;

export const ByCategory = z.object({
  currency: CurrencyCode,
  totalSpend: MinorUnits,
  /** One row per category with spend, and one for "Uncategorized". */
  categories: z.array(CategorySpend).max(MAX_CATEGORIES + 1),
});
export type ByCategory = z.infer<typeof ByCategory>;
