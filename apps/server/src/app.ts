/**
 * Builds the Fastify app without listening, so tests can use `inject()` or listen on port 0.
 * `main.ts` owns the process: configuration, database, start-up and shutdown.
 */
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import { pingDatabase } from '@outlay/db';
import {
  appRouter,
  bearerToken,
  createContextInner,
  type ApiDeps,
  type AppRouter,
} from '@outlay/api';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyServerOptions } from 'fastify';

export interface BuildAppOptions {
  deps: ApiDeps;
  /** The built web app to serve at `/`; skipped when absent. */
  webDist?: string;
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp({ deps, webDist, logger = false }: BuildAppOptions) {
  const app = Fastify({
    logger,
    // Batched tRPC GETs carry procedure names in the path.
    routerOptions: { maxParamLength: 5_000 },
    // Never echo a client's request id header: ids are ours.
    genReqId: () => crypto.randomUUID(),
  });

  app.get('/healthz', () => ({ ok: true }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await pingDatabase(deps.db);
      return { ok: true };
    } catch (error) {
      app.log.error({ err: error }, 'readiness check failed');
      return reply.code(503).send({ ok: false });
    }
  });

  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: ({ req }) =>
        createContextInner(deps, {
          accessToken: bearerToken(req.headers.authorization),
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? null,
        }),
      onError({ error, path, req }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') {
          req.log.error({ err: error.cause ?? error, path }, 'procedure failed');
        }
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });

  if (webDist && existsSync(webDist)) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: 'index.html' });
    // Client-side routes (/transactions, /login…) load the app; unknown API paths stay 404s.
    app.setNotFoundHandler((request, reply) => {
      const acceptsHtml = request.headers.accept?.includes('text/html') ?? false;
      if (request.method === 'GET' && acceptsHtml && !request.url.startsWith('/trpc')) {
        return reply.sendFile('index.html');
      }
      return reply.code(404).send({ error: 'Not Found' });
    });
  }

  return app;
}

export type OutlayApp = Awaited<ReturnType<typeof buildApp>>;
