/**
 * Load: `metrics.summary` through tRPC against the same work behind a plain Fastify route
 * (autocannon, in this process's servers), and the soak: many clients on the dashboard's one
 * batched request against the server child, its memory sampled.
 */
import { isDeepStrictEqual } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { waitForIdleDatabase } from '../bench-database.ts';
import { runLoad, type LoadResult } from '../load.ts';
import { roundTo } from '../percentiles.ts';
import type { SoakFigures } from '../report.ts';
import { sampleMemory, type ServerProcess } from '../server-process.ts';
import { soakRowName } from '../targets.ts';
import type { BenchData } from './data.ts';
import { dashboardBatchRequest } from './dashboard-batch.ts';
import type { InProcessServers } from './in-process-latency.ts';
import { log, type BenchRun } from './run.ts';

export const SUMMARY_INPUT = encodeURIComponent(JSON.stringify({ filter: {} }));

/** tRPC ÷ plain Fastify: requests/s of the same `metrics.summary`. Returns the ratio. */
export async function throughputPhase(
  run: BenchRun,
  data: BenchData,
  servers: InProcessServers,
): Promise<number> {
  const { config, measured } = run;
  const headers = { authorization: `Bearer ${servers.accessToken}` };
  const targets = {
    trpc: `${servers.baseUrl}/trpc/metrics.summary?input=${SUMMARY_INPUT}`,
    plain: `${servers.plainUrl}/plain/summary?input=${SUMMARY_INPUT}`,
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
    await waitForIdleDatabase(data.bench.outlay);
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
  return roundTo(trpcLoad.rps / plainLoad.rps, 3);
}

/** Many clients on the dashboard request against the server child, its memory sampled every 250 ms. */
export async function soakPhase(
  run: BenchRun,
  child: ServerProcess,
  headers: Record<string, string>,
): Promise<SoakFigures> {
  const { soakConnections: connections, soakSeconds } = run.config;
  const batch = dashboardBatchRequest();
  const url = `${child.url}${batch.path}`;
  const first = await fetch(url, { headers });
  const body = (await first.json()) as { result?: unknown }[];
  if (
    !first.ok ||
    !Array.isArray(body) ||
    body.length !== batch.procedures ||
    body.some((r) => !r.result)
  ) {
    throw new Error(
      `the dashboard batch answered ${first.status}: ${JSON.stringify(body).slice(0, 300)}`,
    );
  }
  log(
    `soak: ${connections} connections on the dashboard batch (${batch.procedures} procedures) for ${soakSeconds} s, server memory sampled`,
  );
  const sampler = sampleMemory(child);
  let memory: { peakMb: number; hwmMb: number };
  let result: LoadResult;
  try {
    result = await runLoad({ url, headers, connections, seconds: soakSeconds, timeoutSeconds: 30 });
  } finally {
    memory = sampler.stop();
  }
  // autocannon abandons requests in flight at its deadline; let the server finish them.
  await sleep(2000);
  const { p50_ms, p95_ms, p99_ms } = result;
  const figures: SoakFigures = {
    connections,
    seconds: result.seconds,
    requests: result.requests,
    ok: result.ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    p99_ms,
    server_rss_peak_mb: memory.peakMb,
    server_rss_hwm_mb: memory.hwmMb,
  };
  const name = soakRowName(connections);
  run.measured.push({
    row: { name, p50_ms, p95_ms, p99_ms, rps: roundTo(result.rps, 1) },
    samples: result.ok,
  });
  log(
    `  ${name.padEnd(44)} ${figures.ok}/${figures.requests} ok, ${figures.errors} errors, ` +
      `${figures.non2xx} non-2xx, ${figures.timeouts} timeouts; p99 ${p99_ms} ms; ` +
      `server RSS peak ${figures.server_rss_peak_mb} MB (VmHWM ${figures.server_rss_hwm_mb} MB)`,
  );
  return figures;
}

export function checked(name: string, result: LoadResult): LoadResult {
  if (result.non2xx > 0 || result.errors > 0 || result.ok === 0) {
    throw new Error(
      `${name} load run had ${result.non2xx} non-2xx responses and ${result.errors} errors ` +
        `(${result.timeouts} timeouts) out of ${result.requests}: its rps would mean nothing`,
    );
  }
  return result;
}
