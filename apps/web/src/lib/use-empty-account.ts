/**
 * Whether the signed-in account has no transactions at all, asked only when the current view
 * came back empty (a filter that matches nothing is not an empty account). A new account says
 * so and what to do, instead of "no transactions match these filters" over empty charts.
 */
import type { MetricsSummary } from '@outlay/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from './trpc.ts';

export function useEmptyAccount(view: {
  data: MetricsSummary | undefined;
  isPlaceholderData: boolean;
}) {
  const trpc = useTRPC();
  const viewIsEmpty = view.data?.transactionCount === 0 && !view.isPlaceholderData;
  const everything = useQuery(
    trpc.metrics.summary.queryOptions(
      { filter: {} },
      { enabled: viewIsEmpty, staleTime: 5 * 60_000 },
    ),
  );
  return {
    /** The whole-account query, while it matters (so a page can wait for it). */
    query: viewIsEmpty ? everything : null,
    empty: viewIsEmpty && everything.data?.transactionCount === 0,
  };
}
