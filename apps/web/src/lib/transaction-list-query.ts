/**
 * The transactions list as an infinite query. tRPC's own `infiniteQueryOptions` adds a
 * `direction` key to the input, which the strict TransactionListInput schema refuses; so this is
 * React Query's infinite query running the tRPC client, which sends only what the contract names,
 * under tRPC's own infinite query key: invalidating `trpc.transactions.pathFilter()` after a
 * write reaches it like every other cache.
 */
import type { AppRouter, RouterInputs } from '@outlay/client';
import { infiniteQueryOptions, keepPreviousData } from '@tanstack/react-query';
import type { TRPCClient } from '@trpc/client';
import type { TRPCOptionsProxy } from '@trpc/tanstack-react-query';

type ListInput = Omit<RouterInputs['transactions']['list'], 'cursor'>;

export function transactionListQuery(
  trpc: TRPCOptionsProxy<AppRouter>,
  client: TRPCClient<AppRouter>,
  input: ListInput,
) {
  return infiniteQueryOptions({
    queryKey: trpc.transactions.list.infiniteQueryKey(input),
    queryFn: ({ pageParam, signal }) => {
      // The first page may start at a date; the pages after it go on from their cursor alone.
      const { startAt: _startAt, ...rest } = input;
      return client.transactions.list.query(
        pageParam === null ? input : { ...rest, cursor: pageParam },
        { signal },
      );
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });
}
