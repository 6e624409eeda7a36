/**
 * @outlay/client — the typed client other apps use to talk to an Outlay server.
 *
 *   const outlay = createOutlayClient({ url: 'http://localhost:3000', token });
 *   const summary = await outlay.metrics.summary.query({ filter: { from: '2026-01-01' } });
 *
 * Every input and output type comes from the server's router and the shared Zod contracts, so a
 * change on the server shows up here as a type error, not as a surprise at run time.
 */
import type { AppRouter } from '@outlay/api';
import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  TRPCClientError,
  type TRPCLink,
} from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

export type { AppRouter };
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type * from '@outlay/contracts';
export { TRPCClientError };

type MaybePromise<T> = T | Promise<T>;

export interface OutlayClientOptions {
  /** The server's base URL, e.g. `http://localhost:3000`; `''` for the same origin in a browser. */
  url: string;
  /** A bearer credential: an access token. */
  token?: string;
  /** Called before every request, for credentials that change (refreshed tokens). */
  getToken?: () => MaybePromise<string | null | undefined>;
  /** A custom fetch (tests, proxies, instrumentation). */
  fetch?: typeof globalThis.fetch;
  /**
   * Batch calls made together into one request (default). A batching client waits for the next
   * timer tick (at least 1 ms in Node) to gather them; a script that makes one call at a time can
   * pass `false` to send each at once.
   */
  batch?: boolean;
}

/** The links the client uses: HTTP to `<url>/trpc` with the bearer token, batched by default. */
export function outlayLinks(options: OutlayClientOptions): TRPCLink<AppRouter>[] {
  const request = {
    url: `${options.url.replace(/\/+$/, '')}/trpc`,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    async headers() {
      const token = options.getToken ? await options.getToken() : options.token;
      return token ? { authorization: `Bearer ${token}` } : {};
    },
  };
  return [
    options.batch === false
      ? httpLink(request)
      : // A batch whose URL would grow past this is split into several requests, so a long filter
        // never meets a proxy's URL limit; and one never holds more procedures than the server's
        // default cap (OUTLAY_MAX_BATCH_SIZE), which refuses the whole batch.
        httpBatchLink({ ...request, maxURLLength: 4_000, maxItems: 20 }),
  ];
}

export function createOutlayClient(options: OutlayClientOptions) {
  return createTRPCClient<AppRouter>({ links: outlayLinks(options) });
}

export type OutlayClient = ReturnType<typeof createOutlayClient>;

/** The tRPC error code of a failed call (`UNAUTHORIZED`, `BAD_REQUEST`…), if it came from the server. */
export function outlayErrorCode(error: unknown): string | undefined {
  return error instanceof TRPCClientError
    ? (error as TRPCClientError<AppRouter>).data?.code
    : undefined;
}
