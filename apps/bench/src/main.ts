/**
 * `pnpm bench`: generate one user's transactions in a throwaway database, then measure the real
 * server through the real `@outlay/client` (latency, one client, sequential) and under load
 * (autocannon, tRPC against a plain Fastify route), print a table and write
 * `results/latest.json`. Progress goes to stderr, the table to stdout.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import {
  createRateLimits,
  generateSigningKeyPem,
  hashPassword,
  summarizeSpend,
  withUserTransaction,
} from '@outlay/api';
import { createOutlayClient, type OutlayClient, type TransactionFilter } from '@outlay/client';
import { MAX_PAGE_SIZE } from '@outlay/contracts';
import { generateBulk, migrateToLatest } from '@outlay/db';
import { buildApp, createApiDeps } from '@outlay/server';
import { openBenchDatabase, waitForIdleDatabase } from './bench-database.ts';
import { measureDashboard, type BrowserFigures } from './browser.ts';
import { comparePgliteToPostgres } from './compare.ts';
import { parseConfig, UsageError, type BenchConfig } from './config.ts';
import { measureLatency, type LatencyResult } from './latency.ts';
import { runLoad, type LoadResult } from './load.ts';
import { runPacedLoad } from './paced-load.ts';
import { describeMachine } from './machine.ts';
import { roundTo } from './percentiles.ts';
import { buildPlainSummaryApp } from './plain-summary-app.ts';
import { progressBar } from './progress-bar.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';

import { renderReport, type BenchReport, type ResultRow, type SoakFigures } from './report.ts';
import {
  evaluateTargets,
  soakRowName,
  SUMMARY_ALL_TIME,
  SUMMARY_AT_200_RPS,
  SUMMARY_AT_200_RPS_UNCACHED,
} from './targets.ts';
import { measureWebInitialJs } from './web-bundle.ts';
import { measureWrites } from './writes.ts';

const BENCH_EMAIL_PREFIX = 'bench';
const BENCH_PASSWORD = 'bench-password-123';
const SEED = 20_261_121;
const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));
const webDist = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const log = (message: string) => process.stderr.write(`${message}\n`);

/**
 * Run in reverse order at the end, on failure and on Ctrl-C (servers close before the database
 * is dropped). One run only: a Ctrl-C makes in-flight requests fail, and the failure path must
 * wait for the same cleanup rather than start a second one and exit before the drop.
 */
const cleanups: (() => Promise<void>)[] = [];
let cleaning: Promise<void> | undefined;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step();
      } catch (error) {
        log(`cleanup failed: ${String(error)}`);
      }
    }
  })();
  return cleaning;
}
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    log(`\n${signal}: cleaning up (again to force quit)…`);
    void cleanUp().finally(() => process.exit(130));
  });
}

interface Measured {
  row: ResultRow;
  samples: number;
}

async function run(config: BenchConfig): Promise<void> {
  const runStarted = performance.now();
  const bench = await openBenchDatabase(config.databaseUrl);
  cleanups.push(() => bench.dispose());
  const { db, kind } = bench.outlay;
  log(`database: ${bench.location} (ready in ${seconds(runStarted)} s)`);
  await migrateToLatest(db);

  // --- generation ---------------------------------------------------------------------------
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const bar = progressBar('generating', config.rows);
  const generationStarted = performance.now();
  const bulk = await generateBulk(db, {
    users: 1,
    transactionsPerUser: config.rows,
    seed: SEED,
    passwordHash,
    emailPrefix: BENCH_EMAIL_PREFIX,
    chunkSize: Math.min(100_000, Math.max(10_000, Math.ceil(config.rows / 10))),
    onProgress: (done) => bar.update(done),
  });
  const generationMs = Math.round(performance.now() - generationStarted);
  const rowsPerSecond = Math.round(bulk.rows / (generationMs / 1000));
  bar.finish(
    `generated ${bulk.rows.toLocaleString('en-US')} transactions in ${(generationMs / 1000).toFixed(1)} s ` +
      `(${rowsPerSecond.toLocaleString('en-US')} rows/s, analyze included)`,
  );
  const userId = bulk.userIds[0]!;

  // --- servers ------------------------------------------------------------------------------
  const deps = createApiDeps({
    db,
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
  cleanups.push(() => app.close());
  const baseUrl = (await app.listen({ port: 0, host: '127.0.0.1' })).replace(/\/$/, '');
  const plain = await buildPlainSummaryApp(deps);
  cleanups.push(() => plain.close());
  const plainUrl = (await plain.listen({ port: 0, host: '127.0.0.1' })).replace(/\/$/, '');

  const session = await createOutlayClient({ url: baseUrl }).auth.login.mutate({
    email: `${BENCH_EMAIL_PREFIX}-1@example.com`,
    password: BENCH_PASSWORD,
  });
  // One call at a time: unbatched, so no row includes the batching link's wait for a timer tick.
  const client = createOutlayClient({ url: baseUrl, token: session.accessToken, batch: false });
  const user = { id: userId, homeCurrency: session.user.homeCurrency };

  // The paths must agree before their speeds are compared.
  const inProcess = () =>
    withUserTransaction(db, userId, (trx) => summarizeSpend(trx, { user, filter: {} }));
  const direct = await inProcess();
  const viaTrpc = await client.metrics.summary.query({ filter: {} });
  if (!isDeepStrictEqual(direct, viaTrpc)) {
    throw new Error('metrics.summary over HTTP differs from summarizeSpend');
  }
  log(
    `server on ${baseUrl}, plain baseline on ${plainUrl}; total spend ${direct.totalSpend} over ${direct.transactionCount} rows`,
  );

  // --- latency, one client, sequential --------------------------------------------------------
  const measured: Measured[] = [];
  const time = async (name: string, call: () => Promise<unknown>) => {
    const result: LatencyResult = await measureLatency(call, {
      iterations: config.iterations,
      warmup: config.warmup,
      budgetMs: config.caseBudgetMs,
    });
    const { samples, ...percentiles } = result;
    measured.push({ row: { name, ...percentiles }, samples });
    log(
      `  ${name.padEnd(44)} n=${String(samples).padStart(4)}  p50 ${fmt(result.p50_ms)}  p95 ${fmt(result.p95_ms)}  p99 ${fmt(result.p99_ms)} ms`,
    );
  };

  log(
    `latency: ${config.iterations} sequential requests per case after ${config.warmup} warm-up, at most ${config.caseBudgetMs / 1000} s each`,
  );
  await time('summarizeSpend all-time in-process', inProcess);
  for (const [label, filter] of filters()) {
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
  // Recording money (writes.ts): after the read rows, whose dashboard p95s it compares with.
  const rows = () => measured.map((m) => m.row);
  const writes = await measureWrites({
    db,
    client,
    userId,
    time,
    rows,
    filters: filters(),
    pageSize: config.pageSize,
    log,
  });
  measured.push(...writes.rows);

  // --- throughput: tRPC vs the plain Fastify route ---------------------------------------------
  const input = encodeURIComponent(JSON.stringify({ filter: {} }));
  const headers = { authorization: `Bearer ${session.accessToken}` };
  const targets = {
    trpc: `${baseUrl}/trpc/metrics.summary?input=${input}`,
    plain: `${plainUrl}/plain/summary?input=${input}`,
  };
  const [trpcBody, plainBody] = await Promise.all(
    [targets.trpc, targets.plain].map(async (url) => {
      const response = await fetch(url, { headers });
      if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
      return response.json();
    }),
  );
  if (!isDeepStrictEqual((trpcBody as { result?: { data?: unknown } }).result?.data, plainBody)) {
    throw new Error('the plain route and metrics.summary disagree');
  }
  const load = (url: string, seconds: number) =>
    runLoad({ url, headers, connections: config.loadConnections, seconds });
  log(
    `throughput: autocannon, ${config.loadConnections} connections, ${config.loadWarmupSeconds} s warm-up + ` +
      `${config.loadSeconds} s each, tRPC then plain Fastify`,
  );
  // autocannon stops at its deadline without waiting for responses in flight; the server still
  // finishes them, so each run waits for the database to go quiet before the next one starts.
  const settled = async (result: LoadResult) => {
    await waitForIdleDatabase(bench.outlay);
    return result;
  };
  await settled(await load(targets.trpc, config.loadWarmupSeconds));
  await settled(await load(targets.plain, config.loadWarmupSeconds));
  const trpcLoad = checked('tRPC', await settled(await load(targets.trpc, config.loadSeconds)));
  const plainLoad = checked(
    'plain Fastify',
    await settled(await load(targets.plain, config.loadSeconds)),
  );
  for (const [name, result] of [
    [`load: tRPC metrics.summary all-time, ${config.loadConnections} conns`, trpcLoad],
    [`load: plain Fastify /plain/summary all-time, ${config.loadConnections} conns`, plainLoad],
  ] as const) {
    const { p50_ms, p95_ms, p99_ms } = result;
    measured.push({
      row: { name, p50_ms, p95_ms, p99_ms, rps: roundTo(result.rps, 1) },
      samples: result.ok,
    });
    log(
      `  ${name.padEnd(44)} ${result.ok} responses in ${result.seconds} s = ${result.rps.toFixed(0)} rps`,
    );
  }

  const fewest = Math.min(trpcLoad.ok, plainLoad.ok);
  if (fewest < 100) {
    log(
      `  warning: only ${fewest} responses in a run; at this query cost the ratio is noise, not a measure of tRPC`,
    );
  }

  // --- the web bundle (issue 3), when built ------------------------------------------------------
  const web = measureWebInitialJs(webDist);
  if ('skipped' in web) log(`web_initial_js_gzip_kb omitted: ${web.skipped}`);
  else log(`web initial JS: ${web.kb} KB gzipped (${web.files.join(', ')})`);

  // --- issue 5: the real server in a child process on the same data -----------------------------
  // PGlite serves one process at a time: from here on the bench's own connection is closed.
  await app.close();
  await plain.close();
  const childDataDir = await mkdtemp(join(tmpdir(), 'outlay-bench-server-'));
  cleanups.push(() => rm(childDataDir, { recursive: true, force: true }));
  const child = await startServerProcess({
    env: {
      DATABASE_URL: await bench.handOver(),
      OUTLAY_DATA_DIR: childDataDir,
      OUTLAY_WEB_DIST: webDist,
    },
    ...(config.cpuProfDir
      ? { nodeFlags: ['--cpu-prof', '--cpu-prof-dir', config.cpuProfDir] }
      : {}),
  });
  cleanups.push(() => child.stop());
  log(`server child process ${child.pid} on ${child.url}, ready in ${child.readyMs} ms`);
  const childSession = await createOutlayClient({ url: child.url }).auth.login.mutate({
    email: `${BENCH_EMAIL_PREFIX}-1@example.com`,
    password: BENCH_PASSWORD,
  });
  const childHeaders = { authorization: `Bearer ${childSession.accessToken}` };

  // 1. metrics.summary at a fixed offered rate, paced: latency at a realistic load, not at
  // saturation. Warm-up, then the measured run, recorded as one result row.
  const measureRate = async (name: string, serverUrl: string, accessToken: string) => {
    const paced = (seconds: number) =>
      runPacedLoad({
        url: `${serverUrl}/trpc/metrics.summary?input=${input}`,
        headers: { authorization: `Bearer ${accessToken}` },
        rate: config.rate,
        seconds,
      });
    await paced(2);
    await sleep(1000);
    const rated = checked(name, await paced(config.rateSeconds));
    const { p50_ms, p95_ms, p99_ms } = rated;
    measured.push({
      row: { name, p50_ms, p95_ms, p99_ms, rps: roundTo(rated.rps, 1) },
      samples: rated.ok,
    });
    log(
      `  ${name.padEnd(44)} ${rated.ok} responses = ${rated.rps.toFixed(0)} rps  p50 ${fmt(p50_ms)}  p95 ${fmt(p95_ms)}  p99 ${fmt(p99_ms)} ms`,
    );
  };
  log(
    `rate: metrics.summary all-time, ${config.rate} requests/s offered, 2 s warm-up + ${config.rateSeconds} s`,
  );
  await measureRate(SUMMARY_AT_200_RPS, child.url, childSession.accessToken);
  await sleep(1000);

  // 6. (issue 3) the dashboard in Chromium against the child, which serves the built web app.
  log(`browser: sign in through the UI, then ${config.filterChanges} date-preset changes`);
  let browserFigures: BrowserFigures;
  try {
    browserFigures = await measureDashboard({
      baseUrl: child.url,
      email: `${BENCH_EMAIL_PREFIX}-1@example.com`,
      password: BENCH_PASSWORD,
      filterChanges: config.filterChanges,
      webBuilt: existsSync(join(webDist, 'index.html')),
    });
  } catch (error) {
    browserFigures = {
      not_run: `failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    };
  }
  if ('not_run' in browserFigures) log(`  browser rows not run: ${browserFigures.not_run}`);
  else
    log(
      `  dashboard_ready_ms ${browserFigures.dashboard_ready_ms}, filter change p50 ${browserFigures.filter_change_p50_ms} / p95 ${browserFigures.filter_change_p95_ms} ms over ${browserFigures.filter_changes}`,
    );

  // 2–3. 200 clients on the dashboard's one batched request, the server's memory sampled.
  const soak = await runSoak(child, childHeaders, config.soakConnections, config.soakSeconds);
  const soakName = soakRowName(config.soakConnections);
  measured.push({
    row: {
      name: soakName,
      p50_ms: soak.p50_ms,
      p95_ms: soak.p95_ms,
      p99_ms: soak.p99_ms,
      rps: soak.rps,
    },
    samples: soak.figures.ok,
  });
  log(
    `  ${soakName.padEnd(44)} ${soak.figures.ok}/${soak.figures.requests} ok, ${soak.figures.errors} errors, ` +
      `${soak.figures.non2xx} non-2xx, ${soak.figures.timeouts} timeouts; p99 ${soak.p99_ms} ms; ` +
      `server RSS peak ${soak.figures.server_rss_peak_mb} MB (VmHWM ${soak.figures.server_rss_hwm_mb} MB)`,
  );
  await child.stop();
  if (config.cpuProfDir) log(`  server CPU profile written to ${config.cpuProfDir}`);

  // 1b. The same offered rate with the answer cache off: what each request costs to compute.
  const uncachedChild = await startServerProcess({
    env: {
      DATABASE_URL: await bench.handOver(),
      OUTLAY_DATA_DIR: childDataDir,
      OUTLAY_WEB_DIST: webDist,
      OUTLAY_METRICS_CACHE_MB: '0',
    },
  });
  cleanups.push(() => uncachedChild.stop());
  const uncachedSession = await createOutlayClient({ url: uncachedChild.url }).auth.login.mutate({
    email: `${BENCH_EMAIL_PREFIX}-1@example.com`,
    password: BENCH_PASSWORD,
  });
  log(`rate, answer cache off: the same ${config.rate} requests/s against a second server child`);
  await measureRate(SUMMARY_AT_200_RPS_UNCACHED, uncachedChild.url, uncachedSession.accessToken);
  await uncachedChild.stop();

  // 4. start-up on a PGlite data directory: first start ever, then on the existing directory.
  const startup = await measureStartup();
  log(`startup: first start ${startup.first_ms} ms, second start ${startup.second_ms} ms (PGlite)`);

  // 5. PGlite ÷ PostgreSQL, from this run and the last run of the other database at this size.
  const other = kind === 'pglite' ? 'postgres' : 'pglite';
  const otherFile = `${resultsDir}${other}-${bulk.rows}.json`;
  const thisRun = { database: kind, rows: bulk.rows, results: measured.map((m) => m.row) };
  const otherRun = existsSync(otherFile)
    ? (JSON.parse(readFileSync(otherFile, 'utf8')) as BenchReport)
    : undefined;
  const comparison = otherRun
    ? kind === 'pglite'
      ? comparePgliteToPostgres(thisRun, otherRun)
      : comparePgliteToPostgres(otherRun, thisRun)
    : undefined;
  if (comparison) {
    log(
      `PGlite ÷ PostgreSQL p50 (geomean of ${comparison.rows} rows): ${comparison.ratio}; worst ${comparison.worst_row} ${comparison.worst_ratio}`,
    );
  } else
    log(
      `PGlite ÷ PostgreSQL: no ${other}-${bulk.rows}.json to compare with (run the bench on ${other})`,
    );
  const now = new Date().toISOString();

  // --- report ----------------------------------------------------------------------------------
  const unjudged: Omit<BenchReport, 'targets'> = {
    database: kind,
    rows: bulk.rows,
    generated_at: now,
    machine: describeMachine(),
    generation: { ms: generationMs, rows_per_s: rowsPerSecond },
    results: measured.map((m) => m.row),
    ratios: {
      trpc_vs_fastify: roundTo(trpcLoad.rps / plainLoad.rps, 3),
      ...(comparison ? { pglite_vs_postgres: comparison.ratio } : {}),
    },
    soak: soak.figures,
    startup,
    writes: writes.figures,
    ...(comparison && otherRun
      ? {
          comparison: {
            pglite: kind === 'pglite' ? now : otherRun.generated_at,
            postgres: kind === 'postgres' ? now : otherRun.generated_at,
            worst_row: comparison.worst_row,
            worst_ratio: comparison.worst_ratio,
          },
        }
      : {}),
    ...('kb' in web ? { web_initial_js_gzip_kb: web.kb } : {}),
    ...('not_run' in browserFigures
      ? { browser: browserFigures }
      : {
          dashboard_ready_ms: browserFigures.dashboard_ready_ms,
          filter_change_p95_ms: browserFigures.filter_change_p95_ms,
          browser: {
            filter_changes: browserFigures.filter_changes,
            filter_change_p50_ms: browserFigures.filter_change_p50_ms,
          },
        }),
  };
  const { rows: targetRows, links } = evaluateTargets(unjudged);
  const { web_initial_js_gzip_kb, dashboard_ready_ms, filter_change_p95_ms, browser, ...rest } =
    unjudged;
  // Key order as documented: targets before the optional web and browser figures.
  const report: BenchReport = {
    ...rest,
    targets: targetRows,
    ...(web_initial_js_gzip_kb === undefined ? {} : { web_initial_js_gzip_kb }),
    ...(dashboard_ready_ms === undefined ? {} : { dashboard_ready_ms }),
    ...(filter_change_p95_ms === undefined ? {} : { filter_change_p95_ms }),
    ...(browser === undefined ? {} : { browser }),
  };

  mkdirSync(resultsDir, { recursive: true });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  writeFileSync(`${resultsDir}latest.json`, json);
  writeFileSync(`${resultsDir}${kind}-${bulk.rows}.json`, json);

  const samples = Object.fromEntries(measured.map((m) => [m.row.name, m.samples]));
  process.stdout.write(`\n${renderReport(report, { samples, links })}\n\n`);
  log(
    `wrote apps/bench/results/latest.json and ${kind}-${bulk.rows}.json; bench took ${seconds(runStarted)} s`,
  );
}

/**
 * The web app's one request for a dashboard view (last 12 months, the default preset): summary,
 * spend over time, by category, and the previous period's summary, batched into one GET.
 */
function dashboardBatchPath(): string {
  const [, last12] = filters()[1]!;
  const from = new Date(`${last12.from}T00:00:00Z`);
  const previousTo = new Date(from.getTime() - 86_400_000).toISOString().slice(0, 10);
  const previousFrom = new Date(
    Date.UTC(from.getUTCFullYear() - 1, from.getUTCMonth(), from.getUTCDate()),
  )
    .toISOString()
    .slice(0, 10);
  const procedures = [
    'metrics.summary',
    'metrics.overTime',
    'metrics.byCategory',
    'metrics.summary',
  ];
  const inputs = {
    0: { filter: last12 },
    1: { filter: last12, granularity: 'auto' },
    2: { filter: last12 },
    3: { filter: { from: previousFrom, to: previousTo } },
  };
  return `/trpc/${procedures.join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`;
}

/** Many clients on the dashboard request against the server child, its memory sampled every 250 ms. */
async function runSoak(
  child: ServerProcess,
  headers: Record<string, string>,
  connections: number,
  soakSeconds: number,
): Promise<{ figures: SoakFigures; p50_ms: number; p95_ms: number; p99_ms: number; rps: number }> {
  const url = `${child.url}${dashboardBatchPath()}`;
  const first = await fetch(url, { headers });
  const body = (await first.json()) as { result?: unknown }[];
  if (!first.ok || !Array.isArray(body) || body.length !== 4 || body.some((r) => !r.result)) {
    throw new Error(
      `the dashboard batch answered ${first.status}: ${JSON.stringify(body).slice(0, 300)}`,
    );
  }
  log(
    `soak: ${connections} connections on the dashboard batch for ${soakSeconds} s, server memory sampled`,
  );
  let peak = 0;
  const sampler = setInterval(() => {
    const memory = child.memory();
    if (memory) peak = Math.max(peak, memory.rssMb);
  }, 250);
  let result: LoadResult;
  try {
    result = await runLoad({ url, headers, connections, seconds: soakSeconds, timeoutSeconds: 30 });
  } finally {
    clearInterval(sampler);
  }
  const memory = child.memory();
  if (memory) peak = Math.max(peak, memory.rssMb);
  // autocannon abandons requests in flight at its deadline; let the server finish them.
  await sleep(2000);
  const { p50_ms, p95_ms, p99_ms } = result;
  return {
    figures: {
      connections,
      seconds: result.seconds,
      requests: result.requests,
      ok: result.ok,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      p99_ms,
      server_rss_peak_mb: peak,
      server_rss_hwm_mb: memory?.hwmMb ?? 0,
    },
    p50_ms,
    p95_ms,
    p99_ms,
    rps: roundTo(result.rps, 1),
  };
}

/** Server start to `/readyz` OK on a fresh PGlite data directory, twice (no DATABASE_URL). */
async function measureStartup(): Promise<{ first_ms: number; second_ms: number }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'outlay-bench-startup-'));
  try {
    const times: number[] = [];
    for (let i = 0; i < 2; i++) {
      const server = await startServerProcess({ env: { OUTLAY_DATA_DIR: dataDir } });
      times.push(server.readyMs);
      await server.stop();
    }
    return { first_ms: times[0]!, second_ms: times[1]! };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The two filters every dashboard procedure is timed with. */
function filters(): [label: string, filter: TransactionFilter][] {
  const today = new Date();
  const to = today.toISOString().slice(0, 10);
  const start = new Date(
    Date.UTC(today.getUTCFullYear() - 1, today.getUTCMonth(), today.getUTCDate() + 1),
  );
  return [
    ['all-time', {}],
    ['last-12-months', { from: start.toISOString().slice(0, 10), to }],
  ];
}

/** Follows keyset cursors from the first page to page `page` (or the last page, if fewer). */
/**
 * The cursor at the start of page `page` of `limit` rows (newest first), reached by walking the
 * keyset in the largest pages the API allows: the same position, in a tenth of the requests.
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

function checked(name: string, result: LoadResult): LoadResult {
  if (result.non2xx > 0 || result.errors > 0 || result.ok === 0) {
    throw new Error(
      `${name} load run had ${result.non2xx} non-2xx responses and ${result.errors} errors ` +
        `(${result.timeouts} timeouts) out of ${result.requests}: its rps would mean nothing`,
    );
  }
  return result;
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

function fmt(ms: number): string {
  return ms.toFixed(2).padStart(8);
}

try {
  await run(parseConfig(process.argv.slice(2), process.env));
  await cleanUp();
} catch (error) {
  await cleanUp();
  // After a Ctrl-C the signal handler exits; the error is only its echo.
  if (interrupted) await new Promise(() => {});
  if (error instanceof UsageError) {
    log(error.message);
    process.exit(error.exitCode);
  }
  log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
}
