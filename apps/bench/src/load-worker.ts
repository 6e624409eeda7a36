/**
 * Runs autocannon in a worker thread, so the load generator does not share the server's event
 * loop (both live in the bench process). Receives `LoadRequest` as workerData, posts `LoadResult`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import { latencyPercentiles } from './percentiles.ts';
import type { LoadRequest, LoadResult } from './load.ts';

const request = workerData as LoadRequest;
const latencies: number[] = [];

const instance = autocannon(
  {
    url: request.url,
    headers: request.headers,
    connections: request.connections,
    duration: request.seconds,
    // PGlite serves one query at a time: 10 connections can queue for many seconds, which is a
    // figure to report, not an error.
    timeout: request.timeoutSeconds ?? 60,
  },
  (error, result) => {
    if (error) throw error;
    const ok = result['2xx'];
    const message: LoadResult = {
      // In a worker thread autocannon's result lacks the aggregated request counts; autocannon
      // counts timeouts among errors.
      requests: Number.isFinite(result.requests.sent)
        ? result.requests.sent
        : ok + result.non2xx + result.errors,
      ok,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      seconds: result.duration,
      rps: ok / result.duration,
      ...(latencies.length > 0
        ? latencyPercentiles(latencies)
        : { p50_ms: NaN, p95_ms: NaN, p99_ms: NaN }),
    };
    parentPort?.postMessage(message);
  },
);
// autocannon's own histogram has no p95; collect every response time (ms) instead.
instance.on('response', (_client, _status, _bytes, responseTime) => {
  latencies.push(responseTime);
});
