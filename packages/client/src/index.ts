/**
 * @outlay/client — the typed client other apps use to talk to an Outlay server.
 *
 *   const outlay = createOutlayClient({ url: 'http://localhost:3000', token });
 *   const summary = await outlay.metrics.summary.query({ filter: { from: '2026-01-01' } });
 *
 * Every input and output type comes from the server's router (router.ts), so a change on the
 * server shows up here as a type error, not as a surprise at run time.
 */
import {
  createTRPCClient,
  httpBatchLink,
  httpBatchStreamLink,
  httpLink,
  isNonJsonSerializable,
  splitLink,
  TRPCClientError,
  type TRPCClient,
  type TRPCLink,
} from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { clientRouter } from './router.ts';

/** The server's router as clients see it: every procedure with its input and output types. */
export type AppRouter = typeof clientRouter;
/** What each procedure takes: `RouterInputs['metrics']['summary']`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
/** What each procedure answers: `RouterOutputs['transactions']['list']`. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;

// Names for the shapes programs use most, taken from the procedures that send or return them.
export type TransactionFilter = NonNullable<RouterInputs['transactions']['list']['filter']>;
export type TransactionKind = NonNullable<TransactionFilter['kind']>;
export type TransactionListInput = RouterInputs['transactions']['list'];
export type TransactionSort = NonNullable<TransactionListInput['sort']>;
export type TransactionPage = RouterOutputs['transactions']['list'];
export type Transaction = TransactionPage['items'][number];
export type MetricsInput = RouterInputs['metrics']['summary'];
export type MetricsSummary = RouterOutputs['metrics']['summary'];
export type CategorySpend = MetricsSummary['topCategories'][number];
export type OverTimeInput = RouterInputs['metrics']['overTime'];
export type OverTime = RouterOutputs['metrics']['overTime'];
export type OverTimeBucket = OverTime['buckets'][number];
export type Granularity = OverTime['granularity'];
export type ByCategory = RouterOutputs['metrics']['byCategory'];
export type Category = RouterOutputs['categories']['list'][number];
export type CategoryKind = Category['kind'];
export type LoginInput = RouterInputs['auth']['login'];
export type RegisterInput = RouterInputs['auth']['register'];
export type Session = RouterOutputs['auth']['login'];
export type User = RouterOutputs['auth']['me'];
export type SessionInfo = RouterOutputs['auth']['sessions'][number];
export type ApiToken = RouterOutputs['auth']['apiTokens']['list'][number];
export type CreatedApiToken = RouterOutputs['auth']['apiTokens']['create'];
export type AdminUser = RouterOutputs['admin']['users']['list'][number];
export type Health = RouterOutputs['system']['health'];
export type ImportPreview = RouterOutputs['imports']['preview'];
export type Backup = RouterOutputs['backup']['export'];
export type BackupRestored = RouterOutputs['backup']['restore'];
export type ImportRowsInput = RouterInputs['imports']['rows'];
export type ImportRow = RouterOutputs['imports']['rows']['items'][number];
export type ImportClassification = ImportRow['classification'];
export type ImportAction = ImportRow['action'];
export type ImportCommitInput = RouterInputs['imports']['commit'];
export type ImportCommitResult = RouterOutputs['imports']['commit'];
export type ImportBatch = RouterOutputs['imports']['list'][number];
export type TransactionsCsvInput = RouterInputs['exports']['transactionsCsv'];
export type Budget = RouterOutputs['budgets']['list'][number];
export type CreateBudgetInput = RouterInputs['budgets']['create'];
export type BudgetStatusList = RouterOutputs['budgets']['status'];
export type BudgetStatus = BudgetStatusList['budgets'][number];
export type BudgetHistory = RouterOutputs['budgets']['history'];
export type BudgetPeriodFigures = BudgetHistory['budgets'][number]['periods'][number];
export type RecurringItem = RouterOutputs['recurring']['list'][number];
export type CreateRecurringItemInput = RouterInputs['recurring']['create'];
export type DueItemList = RouterOutputs['dueItems']['list'];
export type DueItem = DueItemList['items'][number];
export type UpdateDueItemInput = RouterInputs['dueItems']['update'];

export { TRPCClientError };
export {
  amountInputValue,
  currencyDigits,
  formatMoney,
  minorToDecimal,
  parseAmount,
  type ParsedAmount,
} from './money.ts';

type MaybePromise<T> = T | Promise<T>;

/**
 * What a custom `fetch` must do: tRPC's subset of the standard one. It gets a URL and
 * `{ method, headers, body, signal }`, and answers `{ ok, json() }`. The global `fetch` is one.
 */
export type OutlayFetch = NonNullable<Parameters<typeof httpBatchLink>[0]['fetch']>;

export interface OutlayClientOptions {
  /** The server's base URL, e.g. `http://localhost:3000`; `''` for the same origin in a browser. */
  url: string;
  /** A bearer credential: an access token from `auth.login`, or an API token (`outlay_pat_…`). */
  token?: string | undefined;
  /** Called before every request, for credentials that change (refreshed tokens). */
  getToken?: (() => MaybePromise<string | null | undefined>) | undefined;
  /** A custom fetch (tests, proxies, instrumentation, another HTTP stack): see `OutlayFetch`. */
  fetch?: OutlayFetch | undefined;
  /**
   * Batch calls made together into one request (default). A batching client waits for the next
   * timer tick (at least 1 ms in Node) to gather them; a script that makes one call at a time can
   * pass `false` to send each at once.
   */
  batch?: boolean | undefined;
}

/**
 * Procedures whose answer is a stream (an async iterable): they go through tRPC's streaming link,
 * which reads the answer as JSON lines while it arrives. That needs a `fetch` whose response has
 * a readable `body` (the global fetch has one).
 */
export const STREAMED_PROCEDURES: ReadonlySet<string> = new Set(['exports.transactionsCsv']);

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
  const json =
    options.batch === false
      ? httpLink(request)
      : // A batch whose URL would grow past this is split into several requests, so a long filter
        // never meets a proxy's URL limit; and one never holds more procedures than the server's
        // default cap (OUTLAY_MAX_BATCH_SIZE), which refuses the whole batch.
        httpBatchLink({ ...request, maxURLLength: 4_000, maxItems: 20 });
  return [
    // A streamed answer is read as it arrives (`exports.transactionsCsv`), on its own request.
    splitLink({
      condition: (op) => STREAMED_PROCEDURES.has(op.path),
      true: httpBatchStreamLink({ ...request, maxURLLength: 4_000, maxItems: 1 }),
      // A file (FormData, a Blob) cannot travel in a JSON batch: it goes on its own as the body
      // of one request (`imports.preview`); every other call is batched as before.
      false: splitLink({
        condition: (op) => isNonJsonSerializable(op.input),
        true: httpLink(request),
        false: json,
      }),
    }),
  ];
}

export type OutlayClient = TRPCClient<AppRouter>;

export function createOutlayClient(options: OutlayClientOptions): OutlayClient {
  return createTRPCClient<AppRouter>({ links: outlayLinks(options) });
}

/** A failed call's error, with the server's error data typed (`code`, `zodIssues`, `reason`…). */
export type OutlayError = TRPCClientError<AppRouter>;
export type OutlayErrorData = NonNullable<OutlayError['data']>;
export type OutlayErrorCode = OutlayErrorData['code'];

/** Whether a thrown value is a failed call (its `data` is set when the server answered). */
export function isOutlayError(error: unknown): error is OutlayError {
  return error instanceof TRPCClientError;
}

/** The tRPC error code of a failed call (`UNAUTHORIZED`, `BAD_REQUEST`…), if it came from the server. */
export function outlayErrorCode(error: unknown): OutlayErrorCode | undefined {
  return isOutlayError(error) ? error.data?.code : undefined;
}
