import {
  addDays,
  bucketCount,
  bucketStart,
  MAX_OVER_TIME_BUCKETS,
  nextBucketStart,
  resolveGranularity,
  type Granularity,
  type OverTime,
  type OverTimeBucket,
  type OverTimeInput,
} from '@outlay/contracts';
import type { Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import { DomainError } from '../../errors.ts';
import { countRows, metricsSource, sourceSpend } from './spend.ts';
import { spendDateBounds, spendRange } from './summarize-spend.ts';

/**
 * Spend per day, ISO week or month, zero-filled across the range so a chart shows quiet periods.
 * Σ buckets = total spend for the same filter.
 */
export async function spendOverTime(
  db: Kysely<Database>,
  {
    user,
    filter,
    granularity: requested,
  }: { user: { id: string; homeCurrency: string } } & OverTimeInput,
): Promise<OverTime> {
  const needsBounds = filter.from === undefined || filter.to === undefined;
  const bounds = needsBounds
    ? await spendDateBounds(db, user.id, filter)
    : { firstSpendOn: null, lastSpendOn: null };
  const range = spendRange(filter, bounds.firstSpendOn, bounds.lastSpendOn);
  if (!range) {
    const granularity = requested === 'auto' ? 'day' : requested;
    return { currency: user.homeCurrency, granularity, buckets: [] };
  }

  const granularity = resolveGranularity(requested, range.from, range.to);
  const count = bucketCount(range.from, range.to, granularity);
  if (count > MAX_OVER_TIME_BUCKETS) {
    throw new DomainError(
      'BAD_INPUT',
      `This range has ${count.toLocaleString('en-US')} ${granularity}s; a chart shows at most ${MAX_OVER_TIME_BUCKETS.toLocaleString('en-US')} buckets. Choose a coarser granularity or a shorter range.`,
    );
  }
  const bucketExpression = sql<string>`date_trunc(${sql.lit(granularity)}, t.occurred_on::timestamp)::date`;
  // Month buckets can read whole-month totals; day and week buckets need days.
  const rows = await metricsSource(db, user.id, filter, granularity === 'month' ? 'month' : 'day')
    .where(sourceSpend.isSpend)
    .select([
      bucketExpression.as('bucket'),
      sourceSpend.sumSpend.as('spendMinor'),
      countRows().as('transactionCount'),
    ])
    .groupBy(bucketExpression)
    .execute();

  return {
    currency: user.homeCurrency,
    granularity,
    buckets: zeroFill(rows, range, granularity, count),
  };
}

function zeroFill(
  rows: { bucket: string; spendMinor: number; transactionCount: number }[],
  range: { from: string; to: string },
  granularity: Granularity,
  count: number,
): OverTimeBucket[] {
  const byBucket = new Map(rows.map((row) => [row.bucket, row]));
  const buckets: OverTimeBucket[] = [];
  // Counted, not compared as strings: the loop's length is known before it starts.
  let start = bucketStart(range.from, granularity);
  for (let index = 0; index < count; index += 1) {
    const next = nextBucketStart(start, granularity);
    const lastDay = addDays(next, -1);
    const row = byBucket.get(start);
    buckets.push({
      bucket: start,
      from: start < range.from ? range.from : start,
      to: lastDay > range.to ? range.to : lastDay,
      spendMinor: row?.spendMinor ?? 0,
      transactionCount: row?.transactionCount ?? 0,
    });
    start = next;
  }
  return buckets;
}
