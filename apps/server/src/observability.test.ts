import { scheduleDueItemsJob } from '@outlay/api';
import { createOutlayClient } from '@outlay/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerMetrics } from './observability.ts';
import { registerAccount, startTestServer, type TestServer } from './testing.ts';

// Prometheus metrics over real HTTP: /metrics answers only the configured bearer token, and
// counts each procedure a request ran (every one of a batch, and the one a REST route runs),
// errors by code, the due-items job's runs, and the process's own figures.

const TOKEN = 'metrics-scraper-token-0123456789';
const collector = createServerMetrics();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    limits: { requestsPerMinute: 0 },
    metrics: { collector, token: TOKEN },
  });
});
afterAll(() => server.close());

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The exposition text's samples (`name{a="x",b="y"} value`), comments left out. */
function samplesOf(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample: ${line}`);
      const labels = Object.fromEntries(
        [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]),
      );
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

async function scrape(): Promise<Sample[]> {
  const response = await fetch(`${server.baseUrl}/metrics`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return samplesOf(await response.text());
}

/** The one sample of `name` whose labels include `labels`; 0 when there is none. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string>): number {
  const found = samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0]?.value ?? 0;
}

describe('/metrics', () => {
  it('answers only the configured token, with the same 404 as a path that does not exist', async () => {
    const missing = await fetch(`${server.baseUrl}/no-such-path`);
    for (const authorization of [undefined, 'Bearer wrong', `Bearer ${TOKEN}x`, TOKEN]) {
      const response = await fetch(`${server.baseUrl}/metrics`, {
        headers: authorization === undefined ? {} : { authorization },
      });
      expect(response.status).toBe(missing.status);
    }
  });

  it('counts every procedure of a batch and of a REST route, errors by code, and job runs', async () => {
    const before = await scrape();
    const count = (samples: Sample[], labels: Record<string, string>) =>
      valueOf(samples, 'outlay_http_request_duration_seconds_count', labels);

    const account = await registerAccount(server.baseUrl);
    const client = createOutlayClient({ url: server.baseUrl, token: account.token });
    // One batched request running two procedures.
    await Promise.all([client.categories.list.query(), client.accounts.list.query()]);
    await expect(
      client.transactions.get.query({ id: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toThrow();
    await fetch(`${server.baseUrl}/api/v1/health`);
    await fetch(`${server.baseUrl}/api/v1/transactions/00000000-0000-4000-8000-000000000000`, {
      headers: { authorization: `Bearer ${account.token}` },
    });
    await fetch(`${server.baseUrl}/trpc/no.such.procedure`);

    const jobs = scheduleDueItemsJob(server.testDb.db, {
      intervalMs: 3_600_000,
      onResult: (result, seconds) => collector.observeJob(result, seconds),
      onError: (_error, seconds) => collector.observeJob('failed', seconds),
    });
    await jobs.runNow();
    await jobs.stop();

    const after = await scrape();
    const grew = (labels: Record<string, string>) => count(after, labels) - count(before, labels);
    expect(grew({ procedure: 'auth.register', method: 'POST', status: '200' })).toBe(1);
    expect(grew({ procedure: 'categories.list', method: 'GET', status: '200' })).toBe(1);
    expect(grew({ procedure: 'accounts.list', method: 'GET', status: '200' })).toBe(1);
    expect(grew({ procedure: 'system.health', method: 'GET', status: '200' })).toBe(1);
    expect(grew({ procedure: 'transactions.get', method: 'GET', status: '404' })).toBe(2);
    expect(grew({ procedure: 'unknown', method: 'GET', status: '404' })).toBe(1);
    const errors = (samples: Sample[]) =>
      valueOf(samples, 'outlay_procedure_errors_total', {
        procedure: 'transactions.get',
        code: 'NOT_FOUND',
      });
    expect(errors(after) - errors(before)).toBe(2);

    // The job ran here once (the scheduler runs at start, and runNow joins that run).
    const runs = (samples: Sample[]) =>
      valueOf(samples, 'outlay_job_run_duration_seconds_count', {
        job: 'dueItems',
        outcome: 'ran',
      });
    expect(runs(after) - runs(before)).toBe(1);

    // The process's own figures come with them.
    expect(valueOf(after, 'outlay_process_resident_memory_bytes', {})).toBeGreaterThan(0);
    expect(after.some((s) => s.name.startsWith('outlay_nodejs_eventloop_lag'))).toBe(true);
  });
});
