/**
 * Builds the Fastify app without listening, so tests can use `inject()` or listen on port 0.
 * `main.ts` owns the process: configuration, database, start-up and shutdown.
 */
import { existsSync } from 'node:fs';
import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import {
  appRouter,
  bearerToken,
  createContextInner,
  retryAfterSeconds,
  type ApiDeps,
  type AppRouter,
  type CookieJar,
} from '@outlay/api';
import { pingDatabase } from '@outlay/db';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, {
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';

export interface BuildAppOptions {
  deps: ApiDeps;
  /** The built web app to serve at `/`; skipped when absent. */
  webDist?: string;
  logger?: FastifyServerOptions['logger'];
  /** Origins allowed to call the API from a browser (CORS); none by default. */
  corsOrigins?: string[];
  /** Trust X-Forwarded-* from a proxy in front (for client IPs and HTTPS detection). */
  trustProxy?: boolean;
  /** Most procedures one batched tRPC request may carry. */
  maxBatchSize?: number;
}

/** Content-Security-Policy under which the web app works: nothing but our own origin. */
const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

export async function buildApp({
  deps,
  webDist,
  logger = false,
  corsOrigins = [],
  trustProxy = false,
  maxBatchSize = 20,
}: BuildAppOptions) {
  const app = Fastify({
    logger,
    trustProxy,
    // Batched tRPC GETs carry procedure names in the path.
    routerOptions: { maxParamLength: 5_000 },
    // Never echo a client's request id header: ids are ours.
    genReqId: () => crypto.randomUUID(),
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    referrerPolicy: { policy: 'no-referrer' },
    // HSTS only means something over TLS; it is added below when the request came over HTTPS.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https') {
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    }
  });
  await app.register(fastifyCors, {
    origin: corsOrigins.length > 0 ? corsOrigins : false,
    credentials: true,
  });
  await app.register(fastifyCookie);

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/trpc/')) return;
    const procedures = request.url.slice('/trpc/'.length).split('?')[0]!.split(',').length;
    if (procedures > maxBatchSize) {
      await reply.code(400).send({ error: `At most ${maxBatchSize} procedures per batch` });
    }
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

  // Public keys for other apps to verify Outlay's access tokens.
  const jwks = await deps.tokens.jwks();
  app.get('/.well-known/jwks.json', () => jwks);

  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: ({ req, res }) =>
        createContextInner(deps, {
          accessToken: bearerToken(req.headers.authorization),
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? null,
          cookies: cookieJar(req, res),
        }),
      responseMeta({ errors }) {
        const wait = errors.map(retryAfterSeconds).find((seconds) => seconds !== undefined);
        return wait === undefined ? {} : { headers: new Headers({ 'retry-after': String(wait) }) };
      },
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

/**
 * The refresh-token cookie: `__Host-` prefix, HttpOnly, Secure, SameSite=Strict, path `/`.
 * Browsers accept Secure cookies from http://localhost, so the embedded setup works as well.
 */
function cookieJar(request: FastifyRequest, reply: FastifyReply): CookieJar {
  const attributes = { path: '/', httpOnly: true, secure: true, sameSite: 'strict' } as const;
  return {
    get: (name) => request.cookies[name],
    set: (name, value, maxAgeSeconds) => {
      reply.setCookie(name, value, { ...attributes, maxAge: maxAgeSeconds });
    },
    clear: (name) => {
      reply.clearCookie(name, attributes);
    },
  };
}

export type OutlayApp = Awaited<ReturnType<typeof buildApp>>;
