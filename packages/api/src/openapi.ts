/**
 * The OpenAPI document of the REST routes (`rest(…)` in trpc.ts), generated from the router and
 * the contracts' Zod schemas by trpc-to-openapi: nothing in it is written by hand, so a procedure
 * and its documentation cannot disagree.
 */
import { generateOpenApiDocument, type OpenAPIObject } from 'trpc-to-openapi';
import { z } from 'zod';
import { RestErrorBody } from './error-shape.ts';
import { appRouter } from './root.ts';

/** Where the REST routes are served, below the server's address. */
export const REST_BASE_PATH = '/api/v1';

export function openApiDocument({
  baseUrl,
  version,
}: {
  /** The server's public address with `REST_BASE_PATH`, e.g. `https://outlay.example/api/v1`. */
  baseUrl: string;
  version: string;
}): OpenAPIObject {
  const document = generateOpenApiDocument(appRouter, {
    title: 'Outlay',
    description:
      'Personal spend tracking. Amounts are integers in minor units (cents) of their currency; ' +
      'dates are ISO calendar dates. Authenticate with `Authorization: Bearer <API token>` ' +
      '(create one in Account settings) or the access token `/auth/login` returns. The same ' +
      'procedures are available over tRPC at `/trpc`, which `@outlay/client` uses.',
    version,
    baseUrl,
    docsUrl: '/docs',
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', description: 'An API token or access token' },
    },
  });
  // The generator describes a refusal as `{ message, code, issues }` and nothing more; Outlay's
  // also carries `data` (the reason, field-by-field issues, when to retry). Each error schema
  // becomes the one Outlay sends, keeping the generator's description and example.
  const { $schema: _dialect, ...errorBody } = z.toJSONSchema(RestErrorBody);
  const schemas = document.components?.schemas ?? {};
  for (const [name, schema] of Object.entries(schemas)) {
    if (!name.startsWith('error.')) continue;
    const { description, example } = schema as { description?: string; example?: unknown };
    schemas[name] = { ...errorBody, description, example } as (typeof schemas)[string];
  }
  return document;
}
