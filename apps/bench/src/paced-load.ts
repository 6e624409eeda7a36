/**
 * Open-loop load at a constant rate: request i is sent at start + i / rate, whether or not earlier
 * ones have been answered, and its latency runs from that scheduled moment to the end of its
 * response, so a slow server cannot hide its queue by delaying the sender (no coordinated
 * omission).
 *
 * autocannon, used for the throughput and soak runs, is not used here: its `overallRate` lets each
 * connection send as fast as it is answered until that second's quota is spent, then pauses to
 * the next second, so "200 requests/s" arrives as a burst of closed-loop requests at saturation
 * followed by silence. That measures saturation, not a rate.
 */
import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LoadResult } from './load.ts';
import { latencyPercentiles } from './percentiles.ts';

export interface PacedLoadRequest {
  url: string;
  headers: Record<string, string>;
  /** Requests per second, evenly spaced. */
  rate: number;
  seconds: number;
  /** Per-request timeout (30 s unless set); a request that takes longer counts as a timeout. */
  timeoutSeconds?: number;
}

export async function runPacedLoad(options: PacedLoadRequest): Promise<LoadResult> {
  const total = Math.round(options.rate * options.seconds);
  const intervalMs = 1000 / options.rate;
  const timeoutMs = (options.timeoutSeconds ?? 30) * 1000;
  // Enough sockets that an answer arriving late never delays the next send.
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  const counts = { ok: 0, non2xx: 0, errors: 0, timeouts: 0 };
  const inFlight: Promise<void>[] = [];

  const send = (scheduledAt: number) =>
    new Promise<void>((resolve) => {
      let finished = false;
      // Each request ends once: a timeout destroys the request, which also emits 'error'.
      const finish = (outcome: keyof typeof counts) => {
        if (finished) return;
        finished = true;
        counts[outcome] += 1;
        // As in autocannon's results, a timeout is also an error.
        if (outcome === 'timeouts') counts.errors += 1;
        if (outcome === 'ok') latencies.push(performance.now() - scheduledAt);
        resolve();
      };
      const req = request(options.url, { agent, headers: options.headers }, (res) => {
        res.resume();
        res.once('end', () => finish(res.statusCode === 200 ? 'ok' : 'non2xx'));
        res.once('error', () => finish('errors'));
      });
      req.setTimeout(timeoutMs, () => {
        req.destroy();
        finish('timeouts');
      });
      req.once('error', () => finish('errors'));
      req.end();
    });

  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    inFlight.push(send(due));
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return {
    requests: total,
    ...counts,
    seconds: Math.round(seconds * 10) / 10,
    rps: counts.ok / options.seconds,
    ...(latencies.length > 0
      ? latencyPercentiles(latencies)
      : { p50_ms: Number.NaN, p95_ms: Number.NaN, p99_ms: Number.NaN }),
  };
}
