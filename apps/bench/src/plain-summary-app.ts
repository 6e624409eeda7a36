/**
 * The baseline for tRPC's overhead: the same `summarizeSpend` behind a plain Fastify JSON route,
 * doing the same necessary work as `metrics.summary` — verify the bearer token with the same token
 * service, load the session's user with the same query as the API's `authenticate`, validate the
 * input with the same contract schema, run the service in the same row-level-security transaction
 * — and nothing more (no output validation, no Fetch `Request` conversion, no middleware chain).
 * tRPC rps ÷ this rps = what the framework path costs.
 */
import {
  authenticate,
  bearerToken,
  createContextInner,
  summarizeSpend,
  withUserTransaction,
  type ApiDeps,
} from '@outlay/api';
import { MetricsInput } from '@outlay/contracts';
import Fastify from 'fastify';

interface Query {
  input?: string;
}

export async function buildPlainSummaryApp(deps: ApiDeps) {
  const app = Fastify({ logger: false });

  app.get<{ Querystring: Query }>('/plain/summary', async (request, reply) => {
    const accessToken = bearerToken(request.headers.authorization);
    const user = accessToken
      ? await authenticate(createContextInner(deps, { accessToken }), accessToken)
      : null;
    if (!user) return reply.code(401).send({ error: 'UNAUTHORIZED' });

    let raw: unknown;
    try {
      raw = request.query.input === undefined ? {} : JSON.parse(request.query.input);
    } catch {
      return reply.code(400).send({ error: 'BAD_REQUEST' });
    }
    const input = MetricsInput.safeParse(raw);
    if (!input.success) {
      return reply.code(400).send({ error: 'BAD_REQUEST', issues: input.error.issues });
    }

    return withUserTransaction(deps.db, user.id, (db) =>
      summarizeSpend(db, user, input.data.filter),
    );
  });

  await app.ready();
  return app;
}
