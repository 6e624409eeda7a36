import { createOutlayClient, type AppRouter } from '@outlay/client';
import { QueryClient } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { describe, expect, it } from 'vitest';
import { transactionListQuery } from './transaction-list-query.ts';

describe('query keys', () => {
  it('are tRPC’s own, so invalidating a router after a write reaches every cache of it, the infinite list included', async () => {
    const queryClient = new QueryClient();
    // Never called: the keys and filters are all this test reads.
    const client = createOutlayClient({ url: 'http://127.0.0.1:1' });
    const trpc = createTRPCOptionsProxy<AppRouter>({ client, queryClient });
    const filter = { from: '2026-01-01', to: '2026-03-31' };
    // The key the transactions page uses for its list.
    const list = transactionListQuery(trpc, client, {
      filter,
      limit: 50,
      sort: { field: 'date', direction: 'desc' },
    }).queryKey;
    const summary = trpc.metrics.summary.queryKey({ filter });
    const sessions = trpc.auth.sessions.queryKey();
    for (const key of [list, summary, sessions]) queryClient.setQueryData(key, {} as never);
    const invalidated = () =>
      [list, summary, sessions].map((key) => queryClient.getQueryState(key)?.isInvalidated);

    await queryClient.invalidateQueries(trpc.transactions.pathFilter(), { cancelRefetch: false });
    expect(invalidated()).toEqual([true, false, false]);
    await queryClient.invalidateQueries(trpc.metrics.pathFilter(), { cancelRefetch: false });
    expect(invalidated()).toEqual([true, true, false]);
  });
});
