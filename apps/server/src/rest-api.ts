/**
 * Outlay for programs that do not speak tRPC: the REST routes under `/api/v1`, their OpenAPI
 * document at `/openapi.json`, and interactive docs at `/docs`. All three come from the router
 * (trpc-to-openapi): a REST call runs the same procedure, middleware (authentication, row-level
 * security, rate limits) and Zod contracts as its tRPC call.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import fastifyStatic from '@fastify/static';
import { appRouter, openApiDocument, REST_BASE_PATH } from '@outlay/api';
import type { FastifyInstance } from 'fastify';
import { fastifyTRPCOpenApiPlugin } from 'trpc-to-openapi';
import type { TrpcHttpOptions } from './app.ts';

// Swagger UI's files, served as they ship (resolved, not imported, so the bundle does not inline
// them). The page and its start-up script are Outlay's own files: the Content-Security-Policy
// allows no inline script.
const SWAGGER_UI = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const DOCS_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Outlay API</title>
    <link rel="stylesheet" href="/docs/assets/swagger-ui.css" />
  </head>
  <body>
    <div id="docs"></div>
    <script src="/docs/assets/swagger-ui-bundle.js"></script>
    <script src="/docs/start.js"></script>
  </body>
</html>
`;

const DOCS_START = `SwaggerUIBundle({ url: '/openapi.json', dom_id: '#docs', deepLinking: true });\n`;

export async function registerRestApi(
  app: FastifyInstance,
  { trpcOptions, version }: { trpcOptions: TrpcHttpOptions; version: string },
) {
  // The document names the address it was asked at, so "Try it out" calls this same server.
  const documents = new Map<string, string>();
  app.get('/openapi.json', (request, reply) => {
    const baseUrl = `${request.protocol}://${request.host}${REST_BASE_PATH}`;
    let document = documents.get(baseUrl);
    if (document === undefined) {
      document = JSON.stringify(openApiDocument({ baseUrl, version }));
      if (documents.size < 8) documents.set(baseUrl, document);
    }
    return reply.type('application/json').send(document);
  });

  app.get('/docs', (_request, reply) => reply.type('text/html').send(DOCS_PAGE));
  app.get('/docs/start.js', (_request, reply) => reply.type('text/javascript').send(DOCS_START));
  await app.register(fastifyStatic, {
    root: SWAGGER_UI,
    prefix: '/docs/assets/',
    decorateReply: false,
    allowedPath: (path) => /^\/(swagger-ui\.css|swagger-ui-bundle\.js)$/.test(path),
  });

  // A POST with nothing to send (archive, undo: the path says it all) may come without a body or
  // a content type, as curl and most HTTP libraries send it; the REST handler would refuse it for
  // lacking one (415), though the document asks for no body. Nothing to parse is an empty input.
  app.addHook('preHandler', (request, _reply, done) => {
    if (
      request.url.startsWith(`${REST_BASE_PATH}/`) &&
      request.body === undefined &&
      request.headers['content-type'] === undefined &&
      (request.headers['content-length'] ?? '0') === '0' &&
      request.headers['transfer-encoding'] === undefined
    ) {
      request.headers['content-type'] = 'application/json';
    }
    done();
  });

  // The plugin hands createContext the same Fastify request and reply the tRPC adapter does
  // (decorated with Node's methods) but types them as Node's own: hence the cast.
  await app.register(fastifyTRPCOpenApiPlugin, {
    basePath: REST_BASE_PATH,
    router: appRouter,
    createContext: trpcOptions.createContext,
    responseMeta: trpcOptions.responseMeta,
    onError: trpcOptions.onError,
  } as Parameters<typeof fastifyTRPCOpenApiPlugin>[1]);
}
