import {
  ByCategory,
  ByCategoryInput,
  MetricsInput,
  MetricsSummary,
  OverTime,
  OverTimeInput,
} from '@outlay/contracts';
import type { Context } from '../context.ts';
import type { AuthUser } from '../services/auth/user.ts';
import { spendByCategory } from '../services/metrics/spend-by-category.ts';
import { spendOverTime } from '../services/metrics/spend-over-time.ts';
import { summarizeSpend } from '../services/metrics/summarize-spend.ts';
import { authedProcedure, router, rest } from '../trpc.ts';

/** The answer for this user, input and data version, from the cache when the host keeps one. */
function remembered<T>(
  ctx: Pick<Context, 'metricsCache'> & { user: AuthUser },
  procedure: string,
  input: unknown,
  compute: () => Promise<T>,
): Promise<T> {
  if (!ctx.metricsCache) return compute();
  const { id: userId, dataVersion, homeCurrency } = ctx.user;
  return ctx.metricsCache.remember(
    { procedure, userId, dataVersion, homeCurrency, input },
    compute,
  );
}

export const metricsRouter = router({
  summary: authedProcedure
    .meta(rest('POST', '/metrics/summary', 'Spend, income and their counts for a filter'))
    .input(MetricsInput)
    .output(MetricsSummary)
    .query(({ ctx, input }) =>
      remembered(ctx, 'summary', input, () => summarizeSpend(ctx.db, { user: ctx.user, ...input })),
    ),
  overTime: authedProcedure
    .meta(rest('POST', '/metrics/over-time', 'Spend per day, week, month or year'))
    .input(OverTimeInput)
    .output(OverTime)
    .query(({ ctx, input }) =>
      remembered(ctx, 'overTime', input, () => spendOverTime(ctx.db, { user: ctx.user, ...input })),
    ),
  byCategory: authedProcedure
    .meta(rest('POST', '/metrics/by-category', 'Spend per category or group'))
    .input(ByCategoryInput)
    .output(ByCategory)
    .query(({ ctx, input }) =>
      remembered(ctx, 'byCategory', input, () =>
        spendByCategory(ctx.db, { user: ctx.user, ...input }),
      ),
    ),
});
