/**
 * The server's Prometheus metrics (`prom-client`), one registry per app so tests and several
 * apps in one process never share counters: requests by procedure (or route), method and status
 * with their durations, procedure errors by code, due-items job runs, and the process's own
 * (event-loop lag, memory, CPU, GC). Served at `/metrics` only when `OUTLAY_METRICS_TOKEN` is set,
 * and only to a request that bears that token: the figures say how busy the server is and which
 * procedures fail, which is not for everyone.
 */
import { timingSafeEqual } from 'node:crypto';
import { appRouter, REST_BASE_PATH, type DueItemsJobResult } from '@outlay/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Buckets from 5 ms to 10 s: a procedure answers in milliseconds, an import in seconds. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Every procedure's dotted name: a label takes only these, so a client cannot invent series. */
const PROCEDURES = new Set(Object.keys(appRouter._def.procedures));

/** Each REST route (method, path pattern below REST_BASE_PATH) and the procedure it runs. */
// At run time `_def.procedures` is flat, keyed by dotted name (its type nests them by router).
const REST_ROUTES = Object.entries(
  appRouter._def.procedures as unknown as Record<
    string,
    { _def: { meta?: { openapi?: { method: string; path: string } } } }
  >,
)
  .flatMap(([name, procedure]) => {
    const route = procedure._def.meta?.openapi;
    if (!route) return [];
    const pattern = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
    const params = route.path.split('{').length - 1;
    return [{ name, method: route.method, params, path: new RegExp(`^${pattern}/?$`) }];
  })
  // A literal segment wins over a parameter (`/recurring/suggestions` before `/recurring/{id}`).
  .sort((a, b) => a.params - b.params);

export interface ServerMetrics {
  registry: Registry;
  /** One finished request: each procedure it ran (a batch runs several), or its route. */
  observeRequest(request: FastifyRequest, reply: FastifyReply): void;
  /** A procedure that answered with an error. */
  countError(code: string, path: string | undefined): void;
  /** One run of the due-items job, or its failure. */
  observeJob(outcome: DueItemsJobResult | 'failed', seconds: number): void;
}

export function createServerMetrics(): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'outlay_' });
  const requests = new Histogram({
    name: 'outlay_http_request_duration_seconds',
    help: 'Requests by procedure (or route), method and status, and how long they took',
    labelNames: ['procedure', 'method', 'status'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'outlay_procedure_errors_total',
    help: 'Procedures that answered with an error, by procedure and error code',
    labelNames: ['procedure', 'code'] as const,
    registers: [registry],
  });
  const jobRuns = new Histogram({
    name: 'outlay_job_run_duration_seconds',
    help: 'Background job runs by job and outcome (ran, skipped: another instance held the lock, failed)',
    labelNames: ['job', 'outcome'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const jobUsers = new Counter({
    name: 'outlay_job_users_changed_total',
    help: 'Users whose data a background job changed',
    labelNames: ['job'] as const,
    registers: [registry],
  });

  return {
    registry,
    observeRequest(request, reply) {
      const seconds = reply.elapsedTime / 1000;
      const status = String(reply.statusCode);
      for (const procedure of proceduresOf(request)) {
        requests.observe({ procedure, method: request.method, status }, seconds);
      }
    },
    countError(code, path) {
      errors.inc({ procedure: known(path), code });
    },
    observeJob(outcome, seconds) {
      const job = 'dueItems';
      if (outcome === 'failed') jobRuns.observe({ job, outcome }, seconds);
      else {
        jobRuns.observe({ job, outcome: outcome.ran ? 'ran' : 'skipped' }, seconds);
        jobUsers.inc({ job }, outcome.users);
      }
    },
  };
}

/**
 * `GET /metrics` in Prometheus' text format, for a request bearing `token`; anything else gets
 * the same 404 as a path that does not exist, so the endpoint does not announce itself.
 */
export function registerMetricsRoute(
  app: FastifyInstance,
  { collector, token }: { collector: ServerMetrics; token: string },
): void {
  const expected = Buffer.from(`Bearer ${token}`);
  app.get('/metrics', async (request, reply) => {
    const given = Buffer.from(request.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return reply.code(404).send({ error: 'Not Found' });
    }
    return reply
      .header('content-type', collector.registry.contentType)
      .header('cache-control', 'no-store')
      .send(await collector.registry.metrics());
  });
}

/**
 * The procedures a request ran: the names in a tRPC path (`/trpc/a.b,c.d`, comma-separated in a
 * batch), or the one a REST route runs, else the route it matched (`/openapi.json`), else `other`.
 */
function proceduresOf(request: FastifyRequest): string[] {
  const path = request.url.split('?', 1)[0]!;
  if (path.startsWith('/trpc/')) {
    let names: string;
    try {
      names = decodeURIComponent(path.slice('/trpc/'.length));
    } catch {
      return ['unknown'];
    }
    return names.split(',').map(known);
  }
  // The REST plugin's one route catches everything under its prefix, and by the time the
  // answer is sent it has cut the prefix off the request's URL.
  if (request.routeOptions.url === `${REST_BASE_PATH}/*`) {
    const below = path.startsWith(REST_BASE_PATH) ? path.slice(REST_BASE_PATH.length) : path;
    const route = REST_ROUTES.find((r) => r.method === request.method && r.path.test(below));
    return [route?.name ?? 'unknown'];
  }
  return [request.routeOptions.url ?? 'other'];
}

function known(path: string | undefined): string {
  return path !== undefined && PROCEDURES.has(path) ? path : 'unknown';
}
