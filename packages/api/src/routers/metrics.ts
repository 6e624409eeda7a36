import {
  ByCategory,
  MetricsInput,
  MetricsSummary,
  OverTime,
  OverTimeInput,
} from '@outlay/contracts';
import { spendByCategory } from '../services/metrics/spend-by-category.ts';
import { spendOverTime } from '../services/metrics/spend-over-time.ts';
import { summarizeSpend } from '../services/metrics/summarize-spend.ts';
import { authedProcedure, router } from '../trpc.ts';

export const metricsRouter = router({
  summary: authedProcedure
    .input(MetricsInput)
    .output(MetricsSummary)
    .query(({ ctx, input }) => summarizeSpend(ctx.db, ctx.user, input.filter)),
  overTime: authedProcedure
    .input(OverTimeInput)
    .output(OverTime)
    .query(({ ctx, input }) => spendOverTime(ctx.db, ctx.user, input)),
  byCategory: authedProcedure
    .input(MetricsInput)
    .output(ByCategory)
    .query(({ ctx, input }) => spendByCategory(ctx.db, ctx.user, input.filter)),
});
