/**
 * Builds the Fastify app without listening, so tests can use `inject()` or listen on port 0.
 * `main.ts` owns the process: configuration, database, start-up and shutdown.
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import {
  appRouter,
  bearerToken,
  createContextInner,
  REST_BASE_PATH,
  retryAfterSeconds,
  type ApiDeps,
  type AppRouter,
  type CookieJar,
} from '@outlay/api';
import { MAX_IMPORT_UPLOAD_BYTES } from '@outlay/contracts';
import { pingDatabase } from '@outlay/db';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, {
  LogController,
  type FastifyServerFactory,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { registerMetricsRoute, type ServerMetrics } from './observability.ts';
import { registerRestApi } from './rest-api.ts';

export interface BuildAppOptions {
  deps: ApiDeps;
  /** The built web app to serve at `/`; skipped when absent. */
  webDist?: string;
  logger?: FastifyServerOptions['logger'];
  /** Origins allowed to call the API from a browser (CORS); none by default. */
  corsOrigins?: string[];
  /**
   * The proxies whose X-Forwarded-* headers to believe (client IPs, HTTPS detection): none by
   * default, or their addresses (env.ts). Never "any": a client could claim any address.
   */
  trustProxy?: false | string[];
  /** Most procedures one batched tRPC request may carry. */
  maxBatchSize?: number;
  /** Prometheus metrics, served at `/metrics` to requests bearing `token` (observability.ts). */
  metrics?: { collector: ServerMetrics; token: string };
  /**
   * An HTTP server that is already listening (main.ts binds the port before it opens the
   * database). Without one, the app makes its own and the caller calls `listen`.
   */
  server?: Server;
}

/** Methods the tRPC endpoint answers; anything else is a 405, not a 500 from the adapter. */
const TRPC_METHODS = new Set(['GET', 'HEAD', 'POST', 'OPTIONS']);

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

/** How an HTTP request becomes a procedure call: shared by `/trpc` and the REST routes. */
export type TrpcHttpOptions = FastifyTRPCPluginOptions<AppRouter>['trpcOptions'];

export async function buildApp({
  deps,
  webDist,
  logger = false,
  corsOrigins = [],
  trustProxy = false,
  maxBatchSize = 20,
  server,
  metrics,
}: BuildAppOptions) {
  const adopted = server ? adopt(server) : undefined;
  const app = Fastify({
    logger,
    trustProxy,
    // Batched tRPC GETs carry procedure names in the path.
    routerOptions: { maxParamLength: 5_000 },
    // Never echo a client's request id header: ids are ours.
    genReqId: () => crypto.randomUUID(),
    logController: new OneLinePerRequest(),
    ...(adopted ? { serverFactory: adopted.serverFactory } : {}),
  });
  // Routes get their hooks when the app boots (Fastify's preReady): a request routed before then
  // meets a route without them and throws outside any handler, ending the process. The adopted
  // server keeps its own answer ("starting", main.ts) until the app is ready.
  if (adopted) {
    app.addHook('onReady', (done) => {
      adopted.takeOver();
      done();
    });
  }

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
    // API answers are personal (access tokens, figures, sessions): no cache, shared or private,
    // may keep them.
    if (request.url.startsWith('/trpc') || request.url.startsWith(REST_BASE_PATH)) {
      reply.header('cache-control', 'no-store');
    }
  });
  await app.register(fastifyCors, {
    origin: corsOrigins.length > 0 ? corsOrigins : false,
    credentials: true,
  });
  await app.register(fastifyCookie);

  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/trpc') && !TRPC_METHODS.has(request.method)) {
      await reply
        .code(405)
        .header('allow', [...TRPC_METHODS].join(', '))
        .send({ error: 'Method Not Allowed' });
    }
  });

  // tRPC reads a multipart body (a file upload) whole, with no limit of its own. So an upload
  // must say its length (browsers and fetch do for FormData), and one longer than an upload may
  // be is refused before a byte of it is read; Node never reads past the stated length.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.headers['content-type']?.startsWith('multipart/form-data')) return;
    const length = Number(request.headers['content-length'] ?? Number.NaN);
    if (Number.isSafeInteger(length) && length <= MAX_IMPORT_UPLOAD_BYTES) return;
    const tooLarge = Number.isSafeInteger(length);
    const message = tooLarge
      ? `The upload is larger than ${Math.floor(MAX_IMPORT_UPLOAD_BYTES / 1024 / 1024)} MB, the most Outlay reads at once; split the file into several`
      : 'An upload must state its length (Content-Length)';
    // The answer has tRPC's error shape, so a client reads it as it reads any refusal.
    const httpStatus = tooLarge ? 413 : 411;
    await reply
      .code(httpStatus)
      .header('connection', 'close')
      .send({
        error: {
          message,
          code: -32600,
          data: {
            code: tooLarge ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST',
            httpStatus,
            path: request.url.split('?', 1)[0]!.replace(/^\/trpc\//, ''),
            zodIssues: null,
            reason: null,
            retryAfterSeconds: null,
          },
        },
      });
  });

  if (metrics) {
    const { collector } = metrics;
    app.addHook('onResponse', async (request, reply) => collector.observeRequest(request, reply));
    registerMetricsRoute(app, metrics);
  }

  app.get('/healthz', () => ({ ok: true }));
  // Ready when the database answers. Rate limits fail open to memory when Redis is away, so an
  // unreachable Redis is reported, not fatal.
  app.get('/readyz', async (_request, reply) => {
    const [database, rateLimitStore] = await Promise.all([
      pingDatabase(deps.db).then(
        () => 'up' as const,
        (error: unknown) => {
          app.log.error({ err: error }, 'readiness check: the database does not answer');
          return 'down' as const;
        },
      ),
      deps.limits.storeStatus(),
    ]);
    const ok = database === 'up';
    return reply.code(ok ? 200 : 503).send({
      ok,
      database,
      ...(rateLimitStore === 'memory'
        ? {}
        : { redis: rateLimitStore === 'redis' ? ('up' as const) : ('down' as const) }),
    });
  });

  // Public keys for other apps to verify Outlay's access tokens.
  const jwks = await deps.tokens.jwks();
  app.get('/.well-known/jwks.json', () => jwks);

  const trpcOptions = {
    router: appRouter,
    // tRPC counts the procedures it will run, after decoding the path (`%2C` is a comma too).
    maxBatchSize,
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
      metrics?.collector.countError(error.code, path);
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        req.log.error({ err: error.cause ?? error, path }, 'procedure failed');
      }
    },
  } satisfies TrpcHttpOptions;
  await app.register(fastifyTRPCPlugin, { prefix: '/trpc', trpcOptions });
  await registerRestApi(app, { trpcOptions, version: deps.version });

  if (webDist && existsSync(webDist)) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: 'index.html' });
    // Client-side routes (/transactions, /login…) load the app; unknown API paths stay 404s.
    app.setNotFoundHandler((request, reply) => {
      const acceptsHtml = request.headers.accept?.includes('text/html') ?? false;
      const api = request.url.startsWith('/trpc') || request.url.startsWith(REST_BASE_PATH);
      if (request.method === 'GET' && acceptsHtml && !api) {
        return reply.sendFile('index.html');
      }
      return reply.code(404).send({ error: 'Not Found' });
    });
  }

  return app;
}

/**
 * One log line per request, when it completes (method, path, status, duration), instead of
 * Fastify's two ("incoming request", "request completed"). The path only: query strings carry
 * procedure input (search text, dates) that logs must not keep.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const path = request.url.split('?', 1)[0]!;
    const status = reply.statusCode;
    reply.log[error || status >= 500 ? 'error' : 'info'](
      {
        request: {
          method: request.method,
          path: path.length > 300 ? `${path.slice(0, 300)}…` : path,
          status,
          ms: Math.round(reply.elapsedTime * 10) / 10,
        },
        ...(error ? { err: error } : {}),
      },
      'request',
    );
  }
}

/** Lets the app use a server that is already listening, and take its requests when told to. */
function adopt(server: Server) {
  let handler: Parameters<FastifyServerFactory>[0] | undefined;
  const serverFactory: FastifyServerFactory = (appHandler) => {
    handler = appHandler;
    return server;
  };
  return {
    serverFactory,
    takeOver() {
      if (!handler) throw new Error('The app has not adopted the server');
      server.removeAllListeners('request');
      server.on('request', handler);
    },
  };
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
