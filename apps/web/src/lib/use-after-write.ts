/**
 * What every write does once the server has answered: refresh whatever may show what it changed.
 * A category or account appears in pickers, filters, the dashboard's breakdowns, the
 * transactions list and History, so a write invalidates all of those routers (tRPC's own query
 * keys, so every cache of them is reached, whichever component made it). Only queries on screen
 * refetch at once; the rest refetch when next shown.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from './trpc.ts';

export function useAfterWrite(): () => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all(
      [
        trpc.categories.pathFilter(),
        trpc.accounts.pathFilter(),
        trpc.metrics.pathFilter(),
        trpc.transactions.pathFilter(),
        trpc.history.pathFilter(),
      ].map((filter) => queryClient.invalidateQueries(filter)),
    );
  }, [trpc, queryClient]);
}
