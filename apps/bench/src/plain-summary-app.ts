/**
 * The baseline for tRPC's overhead: the same `summarizeSpend` behind a plain Fastify JSON route,
 * doing the same necessary work as `metrics.summary` — verify the bearer token with the same token
 * service, validate the input with the same contract schema, authenticate and enter the user's
 * row-level-security context with the same statement as the API, run the service in that
 * transaction — and nothing more (no output validation, no Fetch `Request` conversion, no
 * middleware chain). tRPC rps ÷ this rps = what the framework path costs.
 */
import { authenticate, bearerToken, summarizeSpend, type ApiDeps } from '@outlay/api';
import { MetricsInput } from '@outlay/contracts';
import Fastify from 'fastify';

interface Query {
  input?: string;
}

export async function buildPlainSummaryApp(deps: ApiDeps) {
  const app = Fastify({ logger: false });

  app.get<{ Querystring: Query }>('/plain/summary', async (request, reply) => {
    const accessToken = bearerToken(request.headers.authorization);
    if (!accessToken) return reply.code(401).send({ error: 'UNAUTHORIZED' });

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

    // As `authedProcedure` does: the credential look-up opens the transaction and enters the
    // user's row-level-security context in the same statement.
    const summary = await deps.db.transaction().execute(async (db) => {
      const user = await authenticate(db, {
        bearer: accessToken,
        tokens: deps.tokens,
        now: new Date(),
        enterUserContext: true,
      });
      return user ? summarizeSpend(db, { user, filter: input.data.filter }) : null;
    });
    return summary ?? reply.code(401).send({ error: 'UNAUTHORIZED' });
  });

  await app.ready();
  return app;
}
