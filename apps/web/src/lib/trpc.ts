/**
 * tRPC's TanStack React Query integration for the Outlay router: `useTRPC()` gives query and
 * mutation options whose query keys are tRPC's own (`trpc.auth.sessions.queryKey()`), so an
 * invalidation after a write reaches every cache of that procedure, whichever component made it.
 * The client is @outlay/client's: batched HTTP to /trpc on the same origin, so the queries one
 * render starts go out as one request. An UNAUTHORIZED answer ends the session once (no
 * retries, no loop) and shows the sign-in page.
 */
import { createOutlayClient, outlayErrorCode, type AppRouter } from '@outlay/client';
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { apiError, isWrongPassword } from './api-errors.ts';
import { sessionStore } from './session.ts';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** Errors a retry cannot fix: the same request would fail the same way. */
const FINAL_CODES = new Set([
  'UNAUTHORIZED',
  'FORBIDDEN',
  'BAD_REQUEST',
  'NOT_FOUND',
  'TOO_MANY_REQUESTS',
]);

export function isUnauthorized(error: unknown): boolean {
  return outlayErrorCode(error) === 'UNAUTHORIZED';
}

export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: endSessionOnUnauthorized }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        const meta = mutation.options.meta;
        // A failed sign-in is UNAUTHORIZED too, but there is no session to end.
        if (meta?.skipSessionCheck === true) return;
        // A password typed into a form and refused is the form's business, not the session's.
        if (meta?.checksPassword === true && isWrongPassword(apiError(error))) return;
        endSessionOnUnauthorized(error);
      },
    }),
    defaultOptions: {
      queries: {
        retry: (failureCount, error) =>
          failureCount < 2 && !FINAL_CODES.has(outlayErrorCode(error) ?? ''),
        staleTime: 60_000,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });

  function endSessionOnUnauthorized(error: unknown) {
    if (!isUnauthorized(error) || !sessionStore.getSnapshot().session) return;
    void sessionStore.unauthorized().then((retry) => {
      if (retry) void queryClient.invalidateQueries();
      else queryClient.clear();
    });
  }

  return queryClient;
}

export function createTrpcClient() {
  // Refreshing goes out on its own (never batched with the queries waiting for its token) and
  // carries no bearer token: the refresh cookie is the credential.
  const refreshClient = createOutlayClient({ url: '' });
  sessionStore.setRefresher(async () => {
    try {
      return { ok: true, session: await refreshClient.auth.refresh.mutate() };
    } catch (error) {
      // Only the server saying no ends the session; a network blip or a rate limit does not.
      const code = outlayErrorCode(error);
      return { ok: false, final: code === 'UNAUTHORIZED' || code === 'FORBIDDEN' };
    }
  });
  return createOutlayClient({ url: '', getToken: () => sessionStore.token() });
}
