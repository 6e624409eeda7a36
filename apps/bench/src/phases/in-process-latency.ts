/**
 * Phase 2, in-process latency: the real server (`buildApp`) and the plain-route baseline in
 * this process, over the bench's database, then each dashboard procedure timed one request at a
 * time through `@outlay/client`, with the ranges the web app's presets give
 * (`presetRange` from @outlay/contracts).
 */
import { isDeepStrictEqual } from 'node:util';
import {
  createRateLimits,
  generateSigningKeyPem,
  summarizeSpend,
  withUserTransaction,
} from '@outlay/api';
import { createOutlayClient, type OutlayClient, type TransactionFilter } from '@outlay/client';
import { fromEpochDay, MAX_PAGE_SIZE, presetRange, todayUtc, toEpochDay } from '@outlay/contracts';
import { buildApp, createApiDeps } from '@outlay/server';
import { measureLatency } from '../latency.ts';
import { buildPlainSummaryApp } from '../plain-summary-app.ts';
import { JUMP_ROW, SUMMARY_ALL_TIME } from '../targets.ts';
import type { BenchData } from './data.ts';
import { BENCH_EMAIL, BENCH_PASSWORD, fmt, log, type BenchRun } from './run.ts';

export interface InProcessServers {
  baseUrl: string;
  plainUrl: string;
  accessToken: string;
  homeCurrency: string;
  close(): Promise<void>;
}

/** The ranges every dashboard procedure is timed with: all time, and the default preset. */
export function benchFilters(today: string): [label: string, filter: TransactionFilter][] {
  return [
    ['all-time', {}],
    ['last-12-months', presetRange('last-12-months', today)],
  ];
}

export async function startInProcessServers(
  run: BenchRun,
  data: BenchData,
): Promise<InProcessServers> {
  const deps = createApiDeps({
    db: data.bench.outlay.db,
    signingKeyPem: generateSigningKeyPem(),
    accessTokenTtlSeconds: 86_400,
    auth: { sessionIdleSeconds: 14_400 },
    // Thousands of requests from one user on one IP: the per-minute request limit would answer
    // 429s. Sign-in limits stay at their defaults (the bench signs in once).
    limits: createRateLimits({ requestsPerMinute: 0 }),
    // Every latency case and the tRPC ÷ Fastify ratio measure the computation, not the cache of
    // answers (DESIGN §7): a repeated request would otherwise be answered from memory.
    metricsCacheBytes: 0,
    version: 'bench',
  });
  const app = await buildApp({ deps });
  run.onCleanup(() => app.close());
  const baseUrl = (await app.listen({ port: 0, host: '127.0.0.1' })).replace(/\/$/, '');
  const plain = await buildPlainSummaryApp(deps);
  run.onCleanup(() => plain.close());
  const plainUrl = (await plain.listen({ port: 0, host: '127.0.0.1' })).replace(/\/$/, '');
  const session = await createOutlayClient({ url: baseUrl }).auth.login.mutate({
    email: BENCH_EMAIL,
    password: BENCH_PASSWORD,
  });
  return {
    baseUrl,
    plainUrl,
    accessToken: session.accessToken,
    homeCurrency: session.user.homeCurrency,
    async close() {
      await app.close();
      await plain.close();
    },
  };
}

export async function inProcessLatencyPhase(
  run: BenchRun,
  data: BenchData,
  servers: InProcessServers,
): Promise<void> {
  const { config } = run;
  const { db } = data.bench.outlay;
  // One call at a time: unbatched, so no row includes the batching link's wait for a timer tick.
  const client = createOutlayClient({
    url: servers.baseUrl,
    token: servers.accessToken,
    batch: false,
  });
  const user = { id: data.userId, homeCurrency: servers.homeCurrency };

  // The paths must agree before their speeds are compared.
  const inProcess = () =>
    withUserTransaction(db, data.userId, (trx) => summarizeSpend(trx, { user, filter: {} }));
  const direct = await inProcess();
  const viaTrpc = await client.metrics.summary.query({ filter: {} });
  if (!isDeepStrictEqual(direct, viaTrpc)) {
    throw new Error('metrics.summary over HTTP differs from summarizeSpend');
  }
  log(
    `server on ${servers.baseUrl}, plain baseline on ${servers.plainUrl}; total spend ${direct.totalSpend} over ${direct.transactionCount} rows`,
  );

  const time = latencyTimer(run);

  log(
    `latency: ${config.iterations} sequential requests per case after ${config.warmup} warm-up, at most ${config.caseBudgetMs / 1000} s each`,
  );
  await time('summarizeSpend all-time in-process', inProcess);
  for (const [label, filter] of benchFilters(todayUtc())) {
    await time(label === 'all-time' ? SUMMARY_ALL_TIME : `metrics.summary ${label}`, () =>
      client.metrics.summary.query({ filter }),
    );
    await time(`metrics.overTime ${label}`, () =>
      client.metrics.overTime.query({ filter, granularity: 'auto' }),
    );
    await time(`metrics.byCategory ${label}`, () => client.metrics.byCategory.query({ filter }));
    await time(`transactions.list page-1 ${label}`, () =>
      client.transactions.list.query({ filter, limit: config.pageSize }),
    );
  }
  const deep = await walkToPage(client, config.deepPage, config.pageSize);
  log(
    `  walked ${((deep.page - 1) * config.pageSize).toLocaleString('en-US')} rows to reach page ${deep.page} of ${config.pageSize} in ${(deep.walkMs / 1000).toFixed(1)} s`,
  );
  await time(`transactions.list page-${deep.page} all-time`, () =>
    client.transactions.list.query({ filter: {}, limit: config.pageSize, cursor: deep.cursor }),
  );
  // The same depth without the walk: the page that starts at the middle of the history.
  const { rangeFrom, rangeTo } = await client.metrics.summary.query({ filter: {} });
  const middle =
    rangeFrom && rangeTo
      ? fromEpochDay(Math.floor((toEpochDay(rangeFrom) + toEpochDay(rangeTo)) / 2))
      : todayUtc();
  await time(JUMP_ROW, () =>
    client.transactions.list.query({ filter: {}, limit: config.pageSize, startAt: middle }),
  );
}

/** Times one case (sequential calls, warm-up first), records its row and logs it. */
export function latencyTimer(run: BenchRun) {
  const { config, measured } = run;
  return async (name: string, call: () => Promise<unknown>): Promise<void> => {
    const { samples, ...percentiles } = await measureLatency(call, {
      iterations: config.iterations,
      warmup: config.warmup,
      budgetMs: config.caseBudgetMs,
    });
    measured.push({ row: { name, ...percentiles }, samples });
    log(
      `  ${name.padEnd(44)} n=${String(samples).padStart(4)}  p50 ${fmt(percentiles.p50_ms)}  p95 ${fmt(percentiles.p95_ms)}  p99 ${fmt(percentiles.p99_ms)} ms`,
    );
  };
}

/**
 * The cursor at the start of page `page` of `limit` rows (newest first), reached by walking the
 * keyset in the largest pages the API allows: the same position, in a tenth of the requests.
 * On a shorter history, the last whole page.
 */
async function walkToPage(client: OutlayClient, page: number, limit: number) {
  const started = performance.now();
  let cursor: string | null = null;
  let remaining = (page - 1) * limit;
  while (remaining > 0) {
    const stride = Math.min(MAX_PAGE_SIZE, remaining);
    const next: { nextCursor: string | null } = await client.transactions.list.query({
      filter: {},
      limit: stride,
      cursor,
    });
    if (next.nextCursor === null) break;
    cursor = next.nextCursor;
    remaining -= stride;
  }
  const reached = page - Math.ceil(remaining / limit);
  return { page: reached, cursor, walkMs: performance.now() - started };
}
